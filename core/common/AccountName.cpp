#include "core/common/AccountName.h"

namespace baton {

QString AccountName::fullNameFromGecos(const QString &gecos)
{
    // The other fields (room, phones, other) are for finger(1), not for people to read.
    return gecos.section(QLatin1Char(','), 0, 0).trimmed();
}

} // namespace baton
