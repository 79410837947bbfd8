#include "core/common/AccountName.h"

#include <cerrno>
#include <pwd.h>
#include <unistd.h>
#include <vector>

namespace baton {
namespace {

// Large enough for any passwd entry seen in practice; getpwuid_r says when it is not.
constexpr size_t kInitialBufferBytes = 4096;
constexpr size_t kMaxBufferBytes = 1 << 20;

} // namespace

AccountName AccountName::current()
{
    const long suggested = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(suggested > 0 ? size_t(suggested) : kInitialBufferBytes);
    passwd entry{};
    passwd *found = nullptr;
    int error = 0;
    while ((error = getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found)) == ERANGE &&
           buffer.size() < kMaxBufferBytes)
        buffer.resize(buffer.size() * 2);
    if (error != 0 || !found)
        return {};
    AccountName name;
    name.loginName = QString::fromLocal8Bit(found->pw_name).trimmed();
    if (found->pw_gecos)
        name.fullName = fullNameFromGecos(QString::fromLocal8Bit(found->pw_gecos));
    return name;
}

} // namespace baton
