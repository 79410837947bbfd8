#pragma once

#include "codecs/frame/Frame.h"

#include <QString>

namespace baton::rdp {

// What RDP clients see when the share ends: the last picture dimmed, with the message in
// large white letters across its middle. The text needs Qt Gui's fonts, so a
// QGuiApplication (the offscreen platform will do); without one the picture is only dimmed.
class RdpEndMessage {
public:
    static Frame paint(const Frame &lastPicture, const QString &message);
};

} // namespace baton::rdp
