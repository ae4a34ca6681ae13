namespace Rapport.UnitTests; public class T { [Fact] public void A() {} }
