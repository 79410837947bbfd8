#pragma once

#include "InputEvents.h"
#include "core/protocol/InputPdus.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace baton {

class InputInjector;

// Viewer side: input as T.128 input events (keys as scancode events, composed text as
// Unicode events, pointer as mouse / extended mouse / wheel events), in window pixels.
namespace inputwire {
std::vector<protocol::InputEvent> fromKey(const KeyInput &key);
// Each UTF-16 code unit pressed and released (surrogate pairs as two units).
std::vector<protocol::InputEvent> fromText(const QString &text);
std::vector<protocol::InputEvent> fromPointer(const PointerInput &pointer);
// Text as a person types it on a US keyboard: key presses (Shift where needed, Return for
// a newline), and Unicode events for the characters such a keyboard lacks.
std::vector<protocol::InputEvent> fromTypedText(const QString &text);
} // namespace inputwire

// Host side: replays the events of input PDUs on an injector, reassembling Unicode
// surrogate pairs across events and PDUs. One per viewer connection.
class InputReplayer {
public:
    // Returns the number of events the injector refused.
    int replay(const protocol::InputPdu &pdu, InputInjector &injector);

private:
    char16_t pendingHighSurrogate_ = 0;
};

} // namespace baton
