#pragma once

#include <QByteArray>
#include <QImage>

#include <vector>

namespace baton::ui {

// The modules of a QR code (libqrencode, byte mode, error correction M), for an invite
// link a phone or a room display's camera can read off the host's screen.
class QrCodeImage {
public:
    // The blank margin the standard asks for around the symbol, in modules.
    static constexpr int kQuietZoneModules = 4;

    QrCodeImage() = default;
    // A null code when text is empty or too long for any QR version.
    static QrCodeImage encode(const QByteArray &text);

    bool isNull() const { return moduleCount_ == 0; }
    // Modules per side of the symbol, without the quiet zone.
    int moduleCount() const { return moduleCount_; }
    bool isDark(int x, int y) const;
    // Black modules on white, modulePx pixels each, quiet zone included: square, with
    // (moduleCount() + 2 × kQuietZoneModules) × modulePx pixels a side.
    QImage toImage(int modulePx) const;

private:
    int moduleCount_ = 0;
    std::vector<bool> dark_; // row by row
};

} // namespace baton::ui
