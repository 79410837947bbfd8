#include "core/common/AccountName.h"

#include <QtGlobal>

namespace baton {

// Systems without a passwd database: the login name the session's environment gives.
// (A Windows build would ask GetUserNameExW(NameDisplay) for the full name here.)
AccountName AccountName::current()
{
    AccountName name;
    name.loginName = qEnvironmentVariable("USERNAME", qEnvironmentVariable("USER")).trimmed();
    return name;
}

} // namespace baton
