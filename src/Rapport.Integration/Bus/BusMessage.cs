namespace Rapport.Integration.Bus;

/// <summary>
/// One event ready for the bus. <paramref name="Body"/> is the whole CloudEvent in structured JSON mode;
/// the other fields are copied into AMQP properties so that consumers can route, filter and deduplicate
/// without parsing the body.
/// </summary>
/// <param name="RoutingKey"><c>&lt;object&gt;.&lt;op&gt;</c>, e.g. <c>contact.updated</c>; topic bindings match on it.</param>
/// <param name="MessageId">The CloudEvents <c>id</c>, identical on a re-publish so that consumers can drop duplicates.</param>
/// <param name="Type">The CloudEvents <c>type</c>, e.g. <c>com.rapport.contact.updated</c>.</param>
/// <param name="Time">When the change happened (UTC); AMQP keeps whole seconds only.</param>
/// <param name="Body">The serialised CloudEvent (<c>application/cloudevents+json</c>).</param>
public sealed record BusMessage(string RoutingKey, string MessageId, string Type, DateTime Time, ReadOnlyMemory<byte> Body);
