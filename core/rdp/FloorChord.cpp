#include "core/rdp/FloorChord.h"

namespace baton::rdp {
namespace {

constexpr uint16_t kCtrlScancode = 0x1D;
constexpr uint16_t kAltScancode = 0x38;
constexpr uint16_t kSpaceScancode = 0x39;

} // namespace

FloorChord::Result FloorChord::feed(const KeyInput &key)
{
    if (const int modifier = modifierOf(key); modifier >= 0)
        return feedModifier(modifier, key.pressed);
    if (key.scancode == kSpaceScancode && !key.extended)
        return feedSpace(key);
    Result result;
    if (key.pressed)
        result.keys = flush();
    result.keys.push_back(key);
    return result;
}

std::vector<KeyInput> FloorChord::flush()
{
    std::vector<KeyInput> keys;
    for (const int modifier : heldBack_) {
        keys.push_back(keyOf(modifier, true));
        states_[modifier] = State::PassedOn;
    }
    heldBack_.clear();
    return keys;
}

int FloorChord::modifierOf(const KeyInput &key)
{
    if (key.scancode == kCtrlScancode)
        return int(key.extended ? Modifier::RightCtrl : Modifier::LeftCtrl);
    if (key.scancode == kAltScancode)
        return int(key.extended ? Modifier::RightAlt : Modifier::LeftAlt);
    return -1;
}

KeyInput FloorChord::keyOf(int modifier, bool pressed)
{
    const auto which = Modifier(modifier);
    const bool isCtrl = which == Modifier::LeftCtrl || which == Modifier::RightCtrl;
    const bool extended = which == Modifier::RightCtrl || which == Modifier::RightAlt;
    return {isCtrl ? kCtrlScancode : kAltScancode, extended, pressed};
}

FloorChord::Result FloorChord::feedModifier(int modifier, bool pressed)
{
    Result result;
    State &state = states_[modifier];
    if (pressed) {
        switch (state) {
        case State::Up:
            state = State::HeldBack;
            heldBack_.push_back(modifier);
            break;
        case State::PassedOn: // the client's key repeat
            result.keys.push_back(keyOf(modifier, true));
            break;
        case State::HeldBack:
        case State::Swallowed:
            break;
        }
        return result;
    }
    switch (state) {
    case State::HeldBack:
        // Released before anything said what it was for: whatever else is held back was
        // pressed with it, so everything goes through in order, then this release.
        result.keys = flush();
        result.keys.push_back(keyOf(modifier, false));
        break;
    case State::Up: // pressed before this client's keys reached us: pass the release on
    case State::PassedOn:
        result.keys.push_back(keyOf(modifier, false));
        break;
    case State::Swallowed:
        break;
    }
    state = State::Up;
    return result;
}

FloorChord::Result FloorChord::feedSpace(const KeyInput &key)
{
    Result result;
    if (!key.pressed) {
        if (!spaceSwallowed_)
            result.keys.push_back(key);
        spaceSwallowed_ = false;
        return result;
    }
    if (spaceSwallowed_) // the client's key repeat of the chord's Space
        return result;
    const bool ctrl = isDown(int(Modifier::LeftCtrl)) || isDown(int(Modifier::RightCtrl));
    const bool alt = isDown(int(Modifier::LeftAlt)) || isDown(int(Modifier::RightAlt));
    if (!ctrl || !alt) {
        result.keys = flush();
        result.keys.push_back(key);
        return result;
    }
    // The held-back presses never went anywhere, so their releases must not either; a
    // modifier passed on earlier (Ctrl+C, then Alt+Space) keeps its release, so that the
    // host does not see it held.
    for (const int modifier : heldBack_)
        states_[modifier] = State::Swallowed;
    heldBack_.clear();
    spaceSwallowed_ = true;
    result.chord = true;
    return result;
}

} // namespace baton::rdp
