/// The templates of the customer's records beyond the page: contacts, merge and restore, the org's custom fields.
extension Templates {
    static let customerRecords: [(name: String, bytes: [UInt8])] = [
        ("crec-contacts", PackageResources.crec_contacts_mustache),
        ("crec-contact", PackageResources.crec_contact_mustache),
        ("crec-contact-form", PackageResources.crec_contact_form_mustache),
        ("crec-merge", PackageResources.crec_merge_mustache),
        ("crec-refused", PackageResources.crec_refused_mustache),
        ("crec-fields", PackageResources.crec_fields_mustache),
        ("crec-field", PackageResources.crec_field_mustache),
        ("crec-field-form", PackageResources.crec_field_form_mustache),
    ]
}
