#pragma once

#include <QString>

namespace baton {

// The account this process runs as, as people know it: what Baton announces to the
// other participants until the person chooses a display name of their own.
struct AccountName {
    QString fullName; // "Ana Lima"; empty when the account database has none
    QString loginName; // "ana"; empty when the system does not say

    // Looks the account up (getpwuid_r on POSIX systems); fields it cannot find stay
    // empty. Cheap enough to call whenever the name is needed.
    static AccountName current();

    // The full name in a passwd GECOS field: its first comma-separated part, trimmed
    // ("Ana Lima,Room 4,555-0134," gives "Ana Lima"; ",,," gives "").
    static QString fullNameFromGecos(const QString &gecos);

    // fullName, else loginName; empty when neither is known.
    QString preferred() const { return fullName.isEmpty() ? loginName : fullName; }
};

} // namespace baton
