namespace Rapport.Domain; public static class Placeholder {}
