import Database
public import Domain

// Roles are stored as their names, like the other Domain enumerations.
extension Role: TextColumn {}
