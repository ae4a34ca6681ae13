namespace Rapport.IntegrationTests; public class T { [Fact] public void A() {} }
