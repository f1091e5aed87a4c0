extension Recurrence {
    /// What a weekly or fortnightly rule does when one of its dates is not a business day (a weekend day, a Japanese
    /// public holiday for an org on Japan's clock, or one of the org's closure days). A weekly Monday meeting in
    /// Japan meets the Happy-Monday holidays several times a year: it either moves to a neighbouring business day
    /// or does not take place that week.
    public enum OnClosedDay: Sendable, Hashable {
        /// Move to the nearest business day in that direction (it may land in the week before or after).
        case shift(BusinessCalendar.Shift)
        /// No occurrence that week.
        case skip
    }
}
