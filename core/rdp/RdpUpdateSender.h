#pragma once

#include "core/rdp/RdpClientQueue.h"
#include "core/rdp/RdpPictureEncoder.h"

#include <QPoint>
#include <QString>

#include <cstdint>
#include <vector>

struct rdp_freerdp_peer;

namespace baton::rdp {

// Sends one client what the server made once for everyone: picture updates as ScrBlt orders
// for their copies, then 32-bpp planar Bitmap Updates in batches its MultifragMaxRequestSize
// takes, the pointer's look as a New or Large Pointer update (or the default or hidden system
// pointer) and its position. Everything goes through the bulk compressor the client asked
// for in its logon (RDP 6.1 for FreeRDP and Windows clients): the one piece of work done per
// client, worth it because its history holds the glyphs of text already sent (docs/
// benchmarks.md, bench rdp). Used on the client's thread, on an active connection.
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
    bool sendCopies(const std::vector<RdpCopy> &copies);

    rdp_freerdp_peer *peer_;
    QString error_;
    Error errorKind_ = Error::Connection;
};

} // namespace baton::rdp
