#include "core/protocol/HandshakePdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

void readDynamicId(PduReader &r, uint16_t &id, const char *what)
{
    const size_t at = r.offset();
    id = r.u16();
    if (r.ok() && id < kUnassignedUserId)
        r.failAt(at, ErrorCode::BadValue, what);
}

} // namespace

void HelloPdu::write(PduWriter &w) const
{
    w.u16(versionMajor);
    w.u16(versionMinor);
    w.u32(featureFlags);
    w.count8(codecIds.size(), kMaxCodecs, "Hello codec count");
    for (uint8_t id : codecIds)
        w.u8(id);
    w.utf8WithLength16(sessionId, kMaxSessionIdBytes, "Hello session id");
    w.utf8WithLength16(displayName, kMaxNameBytes, "Hello display name");
    w.utf8WithLength16(passcode, kMaxPasscodeBytes, "Hello passcode");
    w.utf8WithLength16(software, kMaxSoftwareBytes, "Hello software");
}

HelloPdu HelloPdu::read(PduReader &r)
{
    HelloPdu pdu;
    pdu.versionMajor = r.u16();
    pdu.versionMinor = r.u16();
    pdu.featureFlags = r.u32();
    const size_t codecs = r.count(r.u8(), kMaxCodecs, 1, "Hello codec count");
    for (size_t i = 0; i < codecs; ++i)
        pdu.codecIds.push_back(r.u8());
    pdu.sessionId = r.utf8WithLength16(kMaxSessionIdBytes, "Hello session id");
    pdu.displayName = r.utf8WithLength16(kMaxNameBytes, "Hello display name");
    pdu.passcode = r.utf8WithLength16(kMaxPasscodeBytes, "Hello passcode");
    pdu.software = r.utf8WithLength16(kMaxSoftwareBytes, "Hello software");
    return pdu;
}

void WelcomePdu::write(PduWriter &w) const
{
    w.u16(versionMajor);
    w.u16(versionMinor);
    w.u16(userId);
    w.u16(hostUserId);
    w.u16(broadcastChannelId);
    w.u16(userChannelId);
    w.u8(uint8_t(role));
    w.u8(0);
    w.utf8WithLength16(sessionId, kMaxSessionIdBytes, "Welcome session id");
    w.utf8WithLength16(hostName, kMaxNameBytes, "Welcome host name");
    if (userId < kUnassignedUserId || hostUserId < kUnassignedUserId ||
        broadcastChannelId < kUnassignedUserId || userChannelId < kUnassignedUserId)
        w.fail(ErrorCode::BadValue, "Welcome id below 1001");
}

WelcomePdu WelcomePdu::read(PduReader &r)
{
    WelcomePdu pdu;
    pdu.versionMajor = r.u16();
    pdu.versionMinor = r.u16();
    readDynamicId(r, pdu.userId, "Welcome user id");
    readDynamicId(r, pdu.hostUserId, "Welcome host user id");
    readDynamicId(r, pdu.broadcastChannelId, "Welcome broadcast channel");
    readDynamicId(r, pdu.userChannelId, "Welcome user channel");
    const size_t roleAt = r.offset();
    const uint8_t role = r.u8();
    if (r.ok() && role != uint8_t(Role::Viewer) && role != uint8_t(Role::Host))
        r.failAt(roleAt, ErrorCode::BadValue, "Welcome role");
    pdu.role = Role(role);
    r.zeros(1, "Welcome pad");
    pdu.sessionId = r.utf8WithLength16(kMaxSessionIdBytes, "Welcome session id");
    pdu.hostName = r.utf8WithLength16(kMaxNameBytes, "Welcome host name");
    return pdu;
}

void GoodbyePdu::write(PduWriter &w) const
{
    w.u16(uint16_t(reason));
    w.utf8WithLength16(message, kMaxMessageBytes, "Goodbye message");
}

GoodbyePdu GoodbyePdu::read(PduReader &r)
{
    GoodbyePdu pdu;
    pdu.reason = CloseReason(r.u16());
    pdu.message = r.utf8WithLength16(kMaxMessageBytes, "Goodbye message");
    return pdu;
}

} // namespace baton::protocol
