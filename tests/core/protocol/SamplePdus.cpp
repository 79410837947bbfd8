#include "SamplePdus.h"

namespace baton::protocol::testing {

namespace {

Bytes pattern(size_t size, uint8_t seed)
{
    Bytes bytes(size);
    for (size_t i = 0; i < size; ++i)
        bytes[i] = uint8_t(seed + i * 7);
    return bytes;
}

constexpr uint32_t kShareId = 0x0003'0000u | kHostUserId;

Pdu fromHost(PduBody body, StreamId stream = StreamId::Low)
{
    return {{kHostUserId, kShareId, stream}, std::move(body)};
}

Pdu fromViewer(PduBody body, StreamId stream = StreamId::High)
{
    return {{1004, kShareId, stream}, std::move(body)};
}

ColorPointerAttribute pointerShape(uint16_t width, uint16_t height, uint16_t bpp)
{
    ColorPointerAttribute a;
    a.cacheIndex = 3;
    a.hotSpotX = width / 2;
    a.hotSpotY = height - 1;
    a.width = width;
    a.height = height;
    a.xorMask = pattern(pointerXorMaskBytes(width, height, bpp), 11);
    a.andMask = pattern(pointerAndMaskBytes(width, height), 99);
    return a;
}

} // namespace

std::vector<CapabilitySet> sampleCapabilities()
{
    GeneralCapability general;
    general.osMajorType = 4;
    general.osMinorType = 7;
    general.extraFlags = 0x0401;
    general.refreshRectSupport = 1;
    BitmapCapability bitmap;
    bitmap.desktopWidth = 1920;
    bitmap.desktopHeight = 1080;
    bitmap.desktopResizeFlag = 1;
    OrderCapability order;
    order.terminalDescriptor[0] = 'B';
    order.orderSupport[kOrderSupportScrBlt] = 1;
    order.orderSupport[kOrderSupportMemBlt] = 1;
    order.orderSupport[kOrderSupportOpaqueRect] = 1;
    order.textAnsiCodePage = 1252;
    ControlCapability control;
    control.controlInterest = uint16_t(ControlPriority::Always);
    PointerCapability pointer;
    pointer.pointerCacheSize = 40;
    ShareCapability share{kHostUserId};
    InputCapability input;
    input.keyboardLayout = 0x409;
    input.keyboardType = 4;
    input.keyboardFunctionKey = 12;
    CodecCapability codecs;
    CodecEntry tiles;
    tiles.guid = {0xBA, 0x70, 0x4E, 1};
    tiles.codecId = uint8_t(CodecId::ZstdTiles);
    tiles.properties = {64, 0, 1, 19};
    CodecEntry video;
    video.guid = {0xBA, 0x70, 0x4E, 2};
    video.codecId = uint8_t(CodecId::H264Avc420);
    codecs.codecs = {tiles, video};
    UnknownCapability unknown{0x7FEE, {1, 2, 3}};
    return {general, bitmap, order, control, pointer, share, input, codecs, unknown};
}

std::vector<NamedPdu> samplePdus()
{
    std::vector<NamedPdu> out;
    const auto add = [&](std::string name, Pdu pdu) {
        out.push_back({std::move(name), std::move(pdu)});
    };

    HelloPdu hello;
    hello.featureFlags = HelloPdu::kFeatureFrameAck | HelloPdu::kFeatureFragments;
    hello.codecIds = {1, 2, 3};
    hello.sessionId = "Ab3_x-9";
    hello.displayName = "Zoë Ångström";
    hello.passcode = "correct horse";
    hello.software = "Baton 0.1.0";
    add("hello", {{kUnassignedUserId, 0, StreamId::High}, hello});
    add("welcome",
        {{kHostUserId, 0, StreamId::High},
         WelcomePdu{1, 0, 1005, kHostUserId, kBroadcastChannelId, 1005, Role::Viewer, "Ab3_x-9",
                    "Host name"}});
    add("goodbye", fromViewer(GoodbyePdu{CloseReason::WrongPasscode, "passcode refused"}));

    add("demand-active",
        {{kHostUserId, 0, StreamId::Medium},
         DemandActivePdu{kShareId, "Baton host", sampleCapabilities()}});
    add("confirm-active",
        {{1004, 0, StreamId::Medium},
         ConfirmActivePdu{kShareId, kHostUserId, "viewer", sampleCapabilities()}});
    add("deactivate-all", {{kHostUserId, 0, StreamId::Medium}, DeactivateAllPdu{kShareId, "x"}});

    add("control-request", fromViewer(ControlPdu{ControlAction::RequestControl, 0, 0}));
    add("control-granted",
        fromHost(ControlPdu{ControlAction::GrantedControl, 1004, 17}, StreamId::Medium));
    add("control-detach", fromViewer(ControlPdu{ControlAction::Detach, 0, 0}));
    add("control-cooperate", fromHost(ControlPdu{ControlAction::Cooperate, 0, 0}));
    add("synchronize", fromViewer(SynchronizePdu{kHostUserId}));
    add("floor-request", fromViewer(FloorRequestPdu{1004, 16}));
    add("floor-decision",
        fromHost(FloorDecisionPdu{1004, FloorDecision::Queued, FloorDecisionReason::HostBusy, 16}));
    add("floor-pass-to", fromViewer(FloorPassToPdu{1006, 17}));
    add("floor-release", fromViewer(FloorReleasePdu{17}));
    add("floor-revoke", fromHost(FloorRevokePdu{1004, FloorRevokeReason::Idle, 18}));
    add("floor-queue", fromHost(FloorQueueStatePdu{1004, 18, {1006, 1005, 1009}}));

    add("orders",
        fromHost(OrdersUpdatePdu{{ScrBltOrder{10, 20, 300, 400, 0xCC, 10, 36},
                                  OpaqueRectOrder{-5, 7, 9, 11, 0xFF, 0x80, 0x01},
                                  MemBltOrder{0, 1, 2, 3, 64, 64, 0xCC, 4, 5, 321}}}));
    BitmapRectangle raw{0, 0, 2, 1, 3, 2, 24, 0, pattern(rawBitmapBytes(3, 2, 24), 5)};
    BitmapRectangle rle{8, 8, 15, 15, 8, 8, 16, 0x0401, pattern(37, 9)};
    add("bitmap", fromHost(BitmapUpdatePdu{{raw, rle}}));
    add("update-synchronize", fromHost(UpdateSynchronizePdu{}));
    TileUpdatePdu tiles{77, 1, {}};
    tiles.tiles.push_back({0, 0, 64, 64, uint8_t(CodecId::ZstdTiles), 0, 0, pattern(50, 1)});
    tiles.tiles.push_back(
        {64, 0, 64, 32, uint8_t(CodecId::RawTiles), TileEntry::kFlagCache, 9, pattern(3, 2)});
    add("tiles", fromHost(tiles));
    add("tile-cache-hits", fromHost(TileCacheHitsPdu{80, {{12, 40, 0}, {18, 40, 1023}}}));
    add("video-region",
        fromHost(VideoRegionUpdatePdu{78, 2, 100, 50, 640, 360, uint8_t(CodecId::H264Avc420),
                                      VideoRegionUpdatePdu::kFlagKeyFrame |
                                          VideoRegionUpdatePdu::kFlagEndOfFrame,
                                      pattern(90, 3)}));
    add("frame-begin", fromHost(FrameMarkerPdu{FrameMarkerAction::Begin, 79}));
    add("frame-end", fromHost(FrameMarkerPdu{FrameMarkerAction::End, 79}));
    add("frame-ack", fromViewer(FrameAckPdu{79, 2, 15}));
    add("fragment",
        fromHost(FragmentPdu{5, 1, 3, uint8_t(PduType2::TileUpdate), 40000, pattern(100, 4)}));

    add("pointer-system", fromHost(PointerSystemPdu{SystemPointer::Hidden}, StreamId::Medium));
    add("pointer-position", fromHost(PointerPositionPdu{640, 480}, StreamId::Medium));
    add("pointer-color", fromHost(PointerColorPdu{pointerShape(5, 3, 24)}, StreamId::Medium));
    add("pointer-new", fromHost(PointerNewPdu{32, pointerShape(7, 4, 32)}, StreamId::Medium));
    add("pointer-cached", fromHost(PointerCachedPdu{12}, StreamId::Medium));

    InputPdu input;
    input.events = {
        {1000, ScancodeEvent{KeyboardFlags::kExtended | KeyboardFlags::kRelease, 0x1D}},
        {1001, UnicodeEvent{0, 0x00E9}},
        {1002, MouseEvent{MouseEvent::kButton1 | MouseEvent::kDown, 100, 200}},
        {1003, ExtendedMouseEvent{ExtendedMouseEvent::kButton2 | ExtendedMouseEvent::kDown, 1, 2}},
        {1004, WheelEvent{false, -120, 5, 6}},
        {1005, WheelEvent{true, 255, 7, 8}},
    };
    add("input", fromViewer(input));

    add("roster-join", fromHost(RosterJoinPdu{1005, Role::Viewer, "Jo"}));
    add("roster-leave", fromHost(RosterLeavePdu{1005, CloseReason::Kicked}));
    add("roster-name", fromHost(RosterNamePdu{1005, "Joanna"}));
    add("roster-role", fromHost(RosterRolePdu{kHostUserId, Role::Host}));
    add("roster-floor", fromHost(RosterFloorStatePdu{1005, FloorState::Queued, 2}));
    WindowListPdu windows;
    windows.windows = {
        {0x4000007, 0, WindowRecord::kShared | WindowRecord::kFocused, -8, 30, 1024, 768,
         "notes.txt — Editor"},
        {0x4000020, 0x4000007, WindowRecord::kTopmost, 100, 100, 300, 200, "Find"},
        {0x4000007, 0, WindowRecord::kShared | WindowRecord::kShareArea, -8, 30, 1024, 768,
         "notes.txt — Editor"},
    };
    add("window-list", fromHost(windows));
    add("gateway-member-join", fromViewer(GatewayMemberJoinPdu{3, "laptop via RDP", "10.1.2.3"}));
    add("gateway-member-admit", fromHost(GatewayMemberAdmitPdu{3, 1006, CloseReason::Unknown}));
    add("gateway-member-leave", fromViewer(GatewayMemberLeavePdu{1006, CloseReason::ViewerLeft}));
    return out;
}

} // namespace baton::protocol::testing
