namespace Rapport.Data; public static class Placeholder {}
