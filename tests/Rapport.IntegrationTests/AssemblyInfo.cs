// Every test class runs on its own thread: most of a test's time is spent waiting on a database, and the
// PostgreSQL collection (one shared server, tests in sequence) must not queue behind the SQLite classes.
[assembly: CollectionBehavior(MaxParallelThreads = -1)]
