#include "ui/displays/FingerprintPins.h"

#include <QSettings>
#include <QUrl>

namespace baton::ui {

namespace {
// 32 bytes of SHA-256; anything else in the store is not a pin.
constexpr qsizetype kFingerprintBytes = 32;
} // namespace

QString FingerprintPins::keyFor(const QString &address)
{
    // '/' and '\' separate QSettings groups; percent-encoding keeps IPv6 colons harmless too.
    return QStringLiteral("issd/pins/") + QString::fromLatin1(QUrl::toPercentEncoding(address));
}

std::optional<QByteArray> FingerprintPins::pinFor(const QString &address) const
{
    const QByteArray fingerprint = QByteArray::fromHex(store_.value(keyFor(address)).toString().toLatin1());
    if (fingerprint.size() != kFingerprintBytes)
        return std::nullopt;
    return fingerprint;
}

void FingerprintPins::pin(const QString &address, const QByteArray &fingerprint)
{
    store_.setValue(keyFor(address), QString::fromLatin1(fingerprint.toHex()));
    store_.sync();
}

QString FingerprintPins::readable(const QByteArray &fingerprint)
{
    return QString::fromLatin1(fingerprint.toHex(':').toUpper());
}

} // namespace baton::ui
