namespace Rapport.Api; public static class Placeholder {}
