#include "WirePduJson.h"

#include <QJsonArray>

namespace baton::protocol::testing {

namespace {

QJsonValue hex(ByteView bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())).toHex());
}

QJsonValue text(const std::string &s)
{
    return QString::fromStdString(s);
}

template <typename Range> QJsonArray numbers(const Range &values)
{
    QJsonArray out;
    for (const auto value : values)
        out.append(qint64(value));
    return out;
}

template <typename Range, typename Fn> QJsonArray each(const Range &values, Fn &&fn)
{
    QJsonArray out;
    for (const auto &value : values)
        out.append(fn(value));
    return out;
}

QJsonObject capability(const GeneralCapability &c)
{
    return {{"kind", "General"},
            {"osMajorType", c.osMajorType},
            {"osMinorType", c.osMinorType},
            {"protocolVersion", c.protocolVersion},
            {"generalCompressionTypes", c.generalCompressionTypes},
            {"extraFlags", c.extraFlags},
            {"updateCapabilityFlag", c.updateCapabilityFlag},
            {"remoteUnshareFlag", c.remoteUnshareFlag},
            {"generalCompressionLevel", c.generalCompressionLevel},
            {"refreshRectSupport", c.refreshRectSupport},
            {"suppressOutputSupport", c.suppressOutputSupport}};
}

QJsonObject capability(const BitmapCapability &c)
{
    return {{"kind", "Bitmap"},
            {"preferredBitsPerPixel", c.preferredBitsPerPixel},
            {"receive1BitPerPixel", c.receive1BitPerPixel},
            {"receive4BitPerPixel", c.receive4BitPerPixel},
            {"receive8BitPerPixel", c.receive8BitPerPixel},
            {"desktopWidth", c.desktopWidth},
            {"desktopHeight", c.desktopHeight},
            {"desktopResizeFlag", c.desktopResizeFlag},
            {"bitmapCompressionFlag", c.bitmapCompressionFlag},
            {"highColorFlags", c.highColorFlags},
            {"drawingFlags", c.drawingFlags},
            {"multipleRectangleSupport", c.multipleRectangleSupport}};
}

QJsonObject capability(const OrderCapability &c)
{
    return {{"kind", "Order"},
            {"terminalDescriptor", hex(c.terminalDescriptor)},
            {"desktopSaveXGranularity", c.desktopSaveXGranularity},
            {"desktopSaveYGranularity", c.desktopSaveYGranularity},
            {"maximumOrderLevel", c.maximumOrderLevel},
            {"numberFonts", c.numberFonts},
            {"orderFlags", c.orderFlags},
            {"orderSupport", hex(c.orderSupport)},
            {"textFlags", c.textFlags},
            {"orderSupportExFlags", c.orderSupportExFlags},
            {"desktopSaveSize", qint64(c.desktopSaveSize)},
            {"textAnsiCodePage", c.textAnsiCodePage}};
}

QJsonObject capability(const ControlCapability &c)
{
    return {{"kind", "Control"},
            {"controlFlags", c.controlFlags},
            {"remoteDetachFlag", c.remoteDetachFlag},
            {"controlInterest", c.controlInterest},
            {"detachInterest", c.detachInterest}};
}

QJsonObject capability(const PointerCapability &c)
{
    return {{"kind", "Pointer"},
            {"colorPointerFlag", c.colorPointerFlag},
            {"colorPointerCacheSize", c.colorPointerCacheSize},
            {"pointerCacheSize", c.pointerCacheSize}};
}

QJsonObject capability(const ShareCapability &c)
{
    return {{"kind", "Share"}, {"nodeId", c.nodeId}};
}

QJsonObject capability(const InputCapability &c)
{
    return {{"kind", "Input"},
            {"inputFlags", c.inputFlags},
            {"keyboardLayout", qint64(c.keyboardLayout)},
            {"keyboardType", qint64(c.keyboardType)},
            {"keyboardSubType", qint64(c.keyboardSubType)},
            {"keyboardFunctionKey", qint64(c.keyboardFunctionKey)},
            {"imeFileName", hex(c.imeFileName)}};
}

QJsonObject capability(const CodecCapability &c)
{
    return {{"kind", "Codec"}, {"codecs", each(c.codecs, [](const CodecEntry &e) {
                                    return QJsonObject{{"guid", hex(e.guid)},
                                                       {"codecId", e.codecId},
                                                       {"properties", hex(e.properties)}};
                                })}};
}

QJsonObject capability(const UnknownCapability &c)
{
    return {{"kind", "Unknown"}, {"type", c.type}, {"data", hex(c.data)}};
}

QJsonArray capabilities(const std::vector<CapabilitySet> &sets)
{
    return each(sets, [](const CapabilitySet &set) {
        return std::visit([](const auto &c) { return capability(c); }, set);
    });
}

QJsonObject order(const ScrBltOrder &o)
{
    return {{"kind", "ScrBlt"},   {"left", o.left}, {"top", o.top},   {"width", o.width},
            {"height", o.height}, {"rop", o.rop},   {"xSrc", o.xSrc}, {"ySrc", o.ySrc}};
}

QJsonObject order(const OpaqueRectOrder &o)
{
    return {{"kind", "OpaqueRect"}, {"left", o.left}, {"top", o.top},     {"width", o.width},
            {"height", o.height},   {"red", o.red},   {"green", o.green}, {"blue", o.blue}};
}

QJsonObject order(const MemBltOrder &o)
{
    return {{"kind", "MemBlt"},
            {"cacheId", o.cacheId},
            {"colorTableIndex", o.colorTableIndex},
            {"left", o.left},
            {"top", o.top},
            {"width", o.width},
            {"height", o.height},
            {"rop", o.rop},
            {"xSrc", o.xSrc},
            {"ySrc", o.ySrc},
            {"cacheIndex", o.cacheIndex}};
}

QJsonObject event(const ScancodeEvent &e)
{
    return {{"kind", "Scancode"}, {"flags", e.flags}, {"keyCode", e.keyCode}};
}

QJsonObject event(const UnicodeEvent &e)
{
    return {{"kind", "Unicode"}, {"flags", e.flags}, {"codeUnit", e.codeUnit}};
}

QJsonObject event(const MouseEvent &e)
{
    return {{"kind", "Mouse"}, {"flags", e.flags}, {"x", e.x}, {"y", e.y}};
}

QJsonObject event(const ExtendedMouseEvent &e)
{
    return {{"kind", "ExtendedMouse"}, {"flags", e.flags}, {"x", e.x}, {"y", e.y}};
}

QJsonObject event(const WheelEvent &e)
{
    return {{"kind", "Wheel"},
            {"horizontal", e.horizontal},
            {"delta", e.delta},
            {"x", e.x},
            {"y", e.y}};
}

QJsonObject attribute(const ColorPointerAttribute &a)
{
    return {{"cacheIndex", a.cacheIndex}, {"hotSpotX", a.hotSpotX}, {"hotSpotY", a.hotSpotY},
            {"width", a.width},           {"height", a.height},     {"xorMask", hex(a.xorMask)},
            {"andMask", hex(a.andMask)}};
}

QJsonObject body(const HelloPdu &p)
{
    return {{"type", "Hello"},
            {"versionMajor", p.versionMajor},
            {"versionMinor", p.versionMinor},
            {"featureFlags", qint64(p.featureFlags)},
            {"codecIds", numbers(p.codecIds)},
            {"sessionId", text(p.sessionId)},
            {"displayName", text(p.displayName)},
            {"passcode", text(p.passcode)},
            {"software", text(p.software)}};
}

QJsonObject body(const WelcomePdu &p)
{
    return {{"type", "Welcome"},
            {"versionMajor", p.versionMajor},
            {"versionMinor", p.versionMinor},
            {"userId", p.userId},
            {"hostUserId", p.hostUserId},
            {"broadcastChannelId", p.broadcastChannelId},
            {"userChannelId", p.userChannelId},
            {"role", int(p.role)},
            {"sessionId", text(p.sessionId)},
            {"hostName", text(p.hostName)}};
}

QJsonObject body(const GoodbyePdu &p)
{
    return {{"type", "Goodbye"}, {"reason", int(p.reason)}, {"message", text(p.message)}};
}

QJsonObject body(const DemandActivePdu &p)
{
    return {{"type", "DemandActive"},
            {"shareId", qint64(p.shareId)},
            {"sourceDescriptor", text(p.sourceDescriptor)},
            {"capabilities", capabilities(p.capabilities)}};
}

QJsonObject body(const ConfirmActivePdu &p)
{
    return {{"type", "ConfirmActive"},
            {"shareId", qint64(p.shareId)},
            {"originatorId", p.originatorId},
            {"sourceDescriptor", text(p.sourceDescriptor)},
            {"capabilities", capabilities(p.capabilities)}};
}

QJsonObject body(const DeactivateAllPdu &p)
{
    return {{"type", "DeactivateAll"},
            {"shareId", qint64(p.shareId)},
            {"sourceDescriptor", text(p.sourceDescriptor)}};
}

QJsonObject body(const ControlPdu &p)
{
    return {{"type", "Control"},
            {"action", int(p.action)},
            {"grantId", p.grantId},
            {"controlId", qint64(p.controlId)}};
}

QJsonObject body(const SynchronizePdu &p)
{
    return {{"type", "Synchronize"}, {"targetUser", p.targetUser}};
}

QJsonObject body(const FloorRequestPdu &p)
{
    return {{"type", "FloorRequest"},
            {"requesterId", p.requesterId},
            {"controlGeneration", qint64(p.controlGeneration)}};
}

QJsonObject body(const FloorDecisionPdu &p)
{
    return {{"type", "FloorDecision"},
            {"requesterId", p.requesterId},
            {"decision", int(p.decision)},
            {"reason", int(p.reason)},
            {"controlGeneration", qint64(p.controlGeneration)}};
}

QJsonObject body(const FloorPassToPdu &p)
{
    return {{"type", "FloorPassTo"},
            {"targetId", p.targetId},
            {"controlGeneration", qint64(p.controlGeneration)}};
}

QJsonObject body(const FloorReleasePdu &p)
{
    return {{"type", "FloorRelease"}, {"controlGeneration", qint64(p.controlGeneration)}};
}

QJsonObject body(const FloorRevokePdu &p)
{
    return {{"type", "FloorRevoke"},
            {"holderId", p.holderId},
            {"reason", int(p.reason)},
            {"controlGeneration", qint64(p.controlGeneration)}};
}

QJsonObject body(const FloorQueueStatePdu &p)
{
    return {{"type", "FloorQueueState"},
            {"holderId", p.holderId},
            {"controlGeneration", qint64(p.controlGeneration)},
            {"queue", numbers(p.queue)}};
}

QJsonObject body(const OrdersUpdatePdu &p)
{
    return {{"type", "OrdersUpdate"}, {"orders", each(p.orders, [](const DrawingOrder &o) {
                                           return std::visit([](const auto &v) { return order(v); },
                                                             o);
                                       })}};
}

QJsonObject body(const BitmapUpdatePdu &p)
{
    return {{"type", "BitmapUpdate"}, {"rectangles", each(p.rectangles, [](const auto &r) {
                                           return QJsonObject{{"destLeft", r.destLeft},
                                                              {"destTop", r.destTop},
                                                              {"destRight", r.destRight},
                                                              {"destBottom", r.destBottom},
                                                              {"width", r.width},
                                                              {"height", r.height},
                                                              {"bitsPerPixel", r.bitsPerPixel},
                                                              {"flags", r.flags},
                                                              {"data", hex(r.data)}};
                                       })}};
}

QJsonObject body(const UpdateSynchronizePdu &)
{
    return {{"type", "UpdateSynchronize"}};
}

QJsonObject body(const TileUpdatePdu &p)
{
    return {{"type", "TileUpdate"},
            {"frameId", qint64(p.frameId)},
            {"surfaceId", p.surfaceId},
            {"tiles", each(p.tiles, [](const TileEntry &t) {
                 return QJsonObject{{"x", t.x},
                                    {"y", t.y},
                                    {"width", t.width},
                                    {"height", t.height},
                                    {"codecId", t.codecId},
                                    {"flags", t.flags},
                                    {"cacheIndex", t.cacheIndex},
                                    {"data", hex(t.data)}};
             })}};
}

QJsonObject body(const TileCacheHitsPdu &p)
{
    return {{"type", "TileCacheHits"},
            {"frameId", qint64(p.frameId)},
            {"hits", each(p.hits, [](const TileCacheHit &h) {
                 return QJsonObject{{"x", h.x}, {"y", h.y}, {"slot", h.slot}};
             })}};
}

QJsonObject body(const VideoRegionUpdatePdu &p)
{
    return {{"type", "VideoRegionUpdate"},
            {"frameId", qint64(p.frameId)},
            {"regionId", p.regionId},
            {"x", p.x},
            {"y", p.y},
            {"width", p.width},
            {"height", p.height},
            {"codecId", p.codecId},
            {"flags", p.flags},
            {"data", hex(p.data)}};
}

QJsonObject body(const FrameMarkerPdu &p)
{
    return {{"type", "FrameMarker"}, {"action", int(p.action)}, {"frameId", qint64(p.frameId)}};
}

QJsonObject body(const FrameAckPdu &p)
{
    return {{"type", "FrameAck"},
            {"frameId", qint64(p.frameId)},
            {"queueDepth", p.queueDepth},
            {"heldMs", p.heldMs}};
}

QJsonObject body(const FragmentPdu &p)
{
    return {{"type", "Fragment"},
            {"payloadId", p.payloadId},
            {"index", p.index},
            {"count", p.count},
            {"innerPduType2", p.innerPduType2},
            {"totalLength", qint64(p.totalLength)},
            {"chunk", hex(p.chunk)}};
}

QJsonObject body(const PointerSystemPdu &p)
{
    return {{"type", "PointerSystem"}, {"pointer", qint64(p.pointer)}};
}

QJsonObject body(const PointerPositionPdu &p)
{
    return {{"type", "PointerPosition"}, {"x", p.x}, {"y", p.y}};
}

QJsonObject body(const PointerColorPdu &p)
{
    return {{"type", "PointerColor"}, {"attribute", attribute(p.attribute)}};
}

QJsonObject body(const PointerNewPdu &p)
{
    return {{"type", "PointerNew"}, {"xorBpp", p.xorBpp}, {"attribute", attribute(p.attribute)}};
}

QJsonObject body(const PointerCachedPdu &p)
{
    return {{"type", "PointerCached"}, {"cacheIndex", p.cacheIndex}};
}

QJsonObject body(const InputPdu &p)
{
    return {{"type", "Input"},
            {"events", each(p.events, [](const InputEvent &e) {
                 return QJsonObject{
                     {"eventTimeMs", qint64(e.eventTimeMs)},
                     {"event", std::visit([](const auto &v) { return event(v); }, e.event)}};
             })}};
}

QJsonObject body(const RosterJoinPdu &p)
{
    return {{"type", "RosterJoin"},
            {"userId", p.userId},
            {"role", int(p.role)},
            {"name", text(p.name)}};
}

QJsonObject body(const RosterLeavePdu &p)
{
    return {{"type", "RosterLeave"}, {"userId", p.userId}, {"reason", int(p.reason)}};
}

QJsonObject body(const RosterNamePdu &p)
{
    return {{"type", "RosterName"}, {"userId", p.userId}, {"name", text(p.name)}};
}

QJsonObject body(const RosterRolePdu &p)
{
    return {{"type", "RosterRole"}, {"userId", p.userId}, {"role", int(p.role)}};
}

QJsonObject body(const RosterFloorStatePdu &p)
{
    return {{"type", "RosterFloorState"},
            {"userId", p.userId},
            {"state", int(p.state)},
            {"queuePosition", p.queuePosition}};
}

QJsonObject body(const WindowListPdu &p)
{
    return {{"type", "WindowList"}, {"windows", each(p.windows, [](const WindowRecord &w) {
                                         return QJsonObject{{"windowId", qint64(w.windowId)},
                                                            {"ownerId", qint64(w.ownerId)},
                                                            {"flags", qint64(w.flags)},
                                                            {"x", w.x},
                                                            {"y", w.y},
                                                            {"width", w.width},
                                                            {"height", w.height},
                                                            {"title", text(w.title)}};
                                     })}};
}

// Gateway members: between a gateway viewer and the host only; the browser viewer never
// sends or receives them.
QJsonObject body(const GatewayMemberJoinPdu &p)
{
    return {{"type", "GatewayMemberJoin"},
            {"key", p.key},
            {"name", text(p.name)},
            {"address", text(p.address)}};
}

QJsonObject body(const GatewayMemberAdmitPdu &p)
{
    return {{"type", "GatewayMemberAdmit"},
            {"key", p.key},
            {"userId", p.userId},
            {"reason", int(p.reason)}};
}

QJsonObject body(const GatewayMemberLeavePdu &p)
{
    return {{"type", "GatewayMemberLeave"}, {"userId", p.userId}, {"reason", int(p.reason)}};
}

} // namespace

QJsonObject toJson(const PduBody &pduBody)
{
    return std::visit([](const auto &p) { return body(p); }, pduBody);
}

QJsonObject toJson(const Pdu &pdu)
{
    return {{"context",
             QJsonObject{{"source", pdu.context.source},
                         {"shareId", qint64(pdu.context.shareId)},
                         {"stream", int(pdu.context.stream)}}},
            {"body", toJson(pdu.body)}};
}

} // namespace baton::protocol::testing
