#include "core/display/Edid.h"

#include <QCryptographicHash>

namespace baton::display {
namespace {

constexpr std::size_t kBlockBytes = 128;
constexpr std::size_t kFirstDescriptor = 54;
constexpr std::size_t kDescriptorBytes = 18;

QString descriptorText(std::span<const quint8> descriptor)
{
    // Text descriptors hold up to 13 characters ended by LF and padded with spaces.
    QString text;
    for (std::size_t i = 5; i < kDescriptorBytes; ++i) {
        const quint8 c = descriptor[i];
        if (c == 0x0A || c == 0)
            break;
        if (c >= 0x20 && c < 0x7F)
            text.append(QChar(c));
    }
    return text.trimmed();
}

} // namespace

std::optional<Edid> Edid::parse(std::span<const quint8> bytes)
{
    static constexpr quint8 kHeader[8] = {0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    if (bytes.size() < kBlockBytes || !std::equal(std::begin(kHeader), std::end(kHeader), bytes.begin()))
        return std::nullopt;
    quint8 sum = 0;
    for (std::size_t i = 0; i < kBlockBytes; ++i)
        sum = quint8(sum + bytes[i]);
    if (sum != 0)
        return std::nullopt;

    Edid edid;
    const quint16 pnp = quint16(bytes[8] << 8 | bytes[9]);
    for (int shift : {10, 5, 0}) {
        const int letter = (pnp >> shift) & 0x1F;
        edid.manufacturer.append(letter >= 1 && letter <= 26 ? QChar(u'A' + letter - 1) : QChar(u'?'));
    }
    edid.productCode = quint16(bytes[10] | bytes[11] << 8);
    edid.serialNumber = quint32(bytes[12]) | quint32(bytes[13]) << 8 | quint32(bytes[14]) << 16 |
                        quint32(bytes[15]) << 24;
    edid.widthCm = bytes[21];
    edid.heightCm = bytes[22];
    for (std::size_t offset = kFirstDescriptor; offset + kDescriptorBytes <= kBlockBytes - 2;
         offset += kDescriptorBytes) {
        const auto descriptor = bytes.subspan(offset, kDescriptorBytes);
        if (descriptor[0] != 0 || descriptor[1] != 0)
            continue; // a detailed timing, not a text descriptor
        if (descriptor[3] == 0xFF)
            edid.serialText = descriptorText(descriptor);
        else if (descriptor[3] == 0xFC)
            edid.modelName = descriptorText(descriptor);
    }
    return edid;
}

QString Edid::stableId() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::number(serialNumber));
    hash.addData("\n");
    hash.addData(serialText.toUtf8());
    hash.addData("\n");
    hash.addData(modelName.toUtf8());
    return QStringLiteral("%1.%2.%3")
        .arg(manufacturer)
        .arg(productCode, 4, 16, QLatin1Char('0'))
        .arg(QString::fromLatin1(hash.result().first(4).toHex()))
        .toUpper();
}

QString connectorOnlyId(const QString &connector)
{
    const QByteArray digest =
        QCryptographicHash::hash(connector.toUtf8(), QCryptographicHash::Sha256).first(4);
    return QStringLiteral("NONE.0000.%1").arg(QString::fromLatin1(digest.toHex()).toUpper());
}

} // namespace baton::display
