#include "core/rdp/GatewayPassword.h"

#include <QRandomGenerator>

namespace baton::rdp {

QString GatewayPassword::generate()
{
    constexpr int kLetters = int(sizeof kAlphabet) - 1;
    QString password;
    password.reserve(kLength);
    for (int i = 0; i < kLength; ++i)
        password += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(kLetters)]);
    return password;
}

} // namespace baton::rdp
