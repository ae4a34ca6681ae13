namespace Rapport.Api.Demo;

/// <summary>
/// Subjects and bodies of activities, by type and by what they relate to. Placeholders: {contact}, {first},
/// {account}, {opp}, {case}.
/// </summary>
internal static class DemoActivityTexts
{
    public static readonly Dictionary<string, (string Subject, string Body)[]> General = new(StringComparer.Ordinal)
    {
        ["call"] =
        [
            ("Discovery call with {contact}", "Talked through their current tools and the manual data entry between CRM and ERP. {first} will send the ERP export format."),
            ("Check-in call with {account}", "Quarterly check-in. Adoption is good in sales; customer service still works from spreadsheets."),
            ("Call back {contact} about the renewal", "{first} asked whether the retired Standard plan can be renewed for one more year."),
            ("Introduction call: {account}", "Short introduction; {first} is evaluating CRM options for next year and would like a demo."),
        ],
        ["email"] =
        [
            ("Meeting notes and next steps", "Hi {first},\n\nthanks for your time today. As discussed, I attach the integration guide and our security white paper.\n\nBest regards"),
            ("Your Rapport trial workspace", "Hi {first},\n\nyour trial workspace for {account} is ready; the sandbox contains sample data so your team can try the pipeline right away."),
            ("Invitation: Rapport Integration Summit", "Hi {first},\n\nwe would love to welcome the {account} team at our Integration Summit in Berlin."),
            ("Re: Data processing agreement", "Hi {first},\n\nplease find the countersigned DPA attached. Let me know if your legal team has further questions."),
        ],
        ["meeting"] =
        [
            ("Quarterly business review with {account}", "Agenda: usage report, open cases, roadmap preview, renewal timeline."),
            ("Product demo for {account}", "Demo of pipeline management, the mobile app and the ERP connector for {first}'s team."),
            ("Workshop: data migration plan", "Walk through the field mapping and the cut-over weekend with {first}'s team."),
        ],
        ["task"] =
        [
            ("Send reference customers to {contact}", "They asked for two references from their industry, ideally with an ERP integration."),
            ("Update the account plan for {account}", "Add the new org chart and the budget cycle."),
            ("Prepare the renewal quote for {account}", "Check seat usage before quoting; several seats have been inactive for 90 days."),
            ("Follow up with {contact}", "No reply to the last email; try by phone."),
        ],
        ["note"] =
        [
            ("Org chart update", "{contact} now reports to the new COO; purchasing goes through group headquarters."),
            ("Competitive situation", "{account} is also talking to two other CRM vendors; price and the ERP connector decide."),
            ("Customer feedback", "{first} likes the Outlook add-in but finds the mobile app slow on older devices."),
        ],
    };

    public static readonly Dictionary<string, (string Subject, string Body)[]> Deal = new(StringComparer.Ordinal)
    {
        ["call"] =
        [
            ("Pricing call: {opp}", "Went through the quote line by line; {first} asked for a discount on a three-year term."),
            ("Status call: {opp}", "Decision expected after the board meeting; the legal review is still open."),
        ],
        ["email"] =
        [
            ("Proposal: {opp}", "Hi {first},\n\nplease find our proposal attached. Prices are valid until the end of the month."),
            ("Re: Questions on the quote for {opp}", "Hi {first},\n\nthe onboarding package covers the migration of up to 100,000 records."),
        ],
        ["meeting"] =
        [
            ("Negotiation meeting: {opp}", "Procurement and IT attend. Topics: discount, payment terms, support levels."),
            ("Solution presentation: {opp}", "Presented the target architecture and the rollout plan."),
        ],
        ["task"] =
        [
            ("Send the revised quote for {opp}", "Apply the agreed discount and add two training days."),
            ("Get legal approval for {opp}", "The customer wants changes to the liability clause."),
        ],
        ["note"] =
        [
            ("Deal notes: {opp}", "Economic buyer is {contact}; our champion sits in IT. The timeline fits their budget cycle."),
        ],
    };

    public static readonly Dictionary<string, (string Subject, string Body)[]> Support = new(StringComparer.Ordinal)
    {
        ["call"] = [("Support call: {case}", "Reproduced the problem together with {first}; escalated to second-level support.")],
        ["email"] = [("Re: {case}", "Hi {first},\n\nwe have deployed a fix. Could you check whether the problem still occurs?")],
        ["task"] = [("Verify the fix: {case}", "Check with the customer after the next release.")],
        ["note"] = [("Investigation: {case}", "Root cause found in the connector configuration; the workaround is documented.")],
    };
}
