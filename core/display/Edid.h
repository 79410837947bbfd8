#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <span>

namespace baton::display {

// The identity fields of an EDID base block (VESA E-EDID 1.3/1.4, 128 bytes).
struct Edid {
    QString manufacturer; // three-letter PNP id, e.g. DEL
    quint16 productCode = 0;
    quint32 serialNumber = 0;
    QString serialText; // display descriptor 0xFF, may be empty
    QString modelName;  // display descriptor 0xFC, may be empty
    int widthCm = 0;
    int heightCm = 0;

    // Parses the base block; nullopt when the data is shorter than 128 bytes, the
    // header is wrong or the checksum fails. Extension blocks are ignored.
    static std::optional<Edid> parse(std::span<const quint8> bytes);

    // The stable ISSD display id: MFG.PPPP.HHHHHHHH, where PPPP is the product code
    // and HHHHHHHH the first four bytes of SHA-256 over the serial number, serial text
    // and model name, so that two identical monitors still differ by serial.
    QString stableId() const;
};

// The id for an output without EDID (virtual and some laptop outputs): stable as long
// as the connector keeps its name.
QString connectorOnlyId(const QString &connector);

} // namespace baton::display
