#pragma once

#include "core/rdp/RdpClientQueue.h"
#include "core/rdp/RdpPictureEncoder.h"

#include <QPoint>
#include <QString>

#include <cstdint>

struct rdp_freerdp_peer;

namespace baton::rdp {

// Sends one client what the server made once for everyone, as it is: picture updates as
// 32-bpp planar Bitmap Updates in batches its MultifragMaxRequestSize takes (no bulk
// compression: that would be work per client), the pointer's look as a New or Large Pointer
// update (or the default or hidden system pointer) and its position. Used on the client's
// thread, on an active connection.
class RdpUpdateSender {
public:
    enum class Error {
        Connection, // sending failed: the connection is gone
        ClientLimit, // the client cannot take it (its largest update is too small): tell it
    };

    explicit RdpUpdateSender(rdp_freerdp_peer *peer) : peer_(peer) { }

    // The Large Pointer capability the server announces (settings->LargePointerFlag).
    static uint32_t largePointerFlags();

    // Each false with error() and errorKind() saying why.
    bool sendPicture(const RdpPictureUpdate &update);
    bool sendPointerLook(const RdpPointerLook &look);
    bool sendPointerPosition(QPoint position);

    const QString &error() const { return error_; }
    Error errorKind() const { return errorKind_; }

private:
    bool fail(const QString &reason, Error kind = Error::Connection);

    rdp_freerdp_peer *peer_;
    QString error_;
    Error errorKind_ = Error::Connection;
};

} // namespace baton::rdp
