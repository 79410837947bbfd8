#pragma once

#include "FloorControl.h"
#include "core/input/InputWire.h"
#include "core/protocol/Pdu.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <optional>

namespace baton {

class InputInjector;

// The host's side of floor control on the wire: feeds the viewers' floor PDUs (and
// T.128 RequestControl / Detach) into the FloorControl state machine, broadcasts every
// transition (GrantedControl with the new generation, FloorQueueState, FloorRevoke,
// RosterFloorState; FloorDecision and pass-to offers to the one concerned), and
// admits input PDUs only from the holder before the InputInjector delivers them inside
// the shared window. Input from anyone else is dropped and counted.
class FloorArbiter : public QObject {
    Q_OBJECT
public:
    // to = nullopt: everyone.
    using Send = std::function<void(std::optional<uint16_t> to, protocol::PduBody body)>;

    FloorArbiter(FloorControl::Settings settings, Send send, QObject *parent = nullptr);
    ~FloorArbiter() override;

    // Not owned; null drops every input (a share without an injector is view-only).
    void setInjector(InputInjector *injector) { injector_ = injector; }
    void join(uint16_t participant);
    void leave(uint16_t participant);
    void onViewerPdu(uint16_t participant, const protocol::PduBody &body);

    // The host's own actions.
    FloorRefusal grant(uint16_t participant);
    FloorRefusal deny(uint16_t participant);
    FloorRefusal revoke();
    FloorRefusal passTo(uint16_t participant);
    void setPolicy(FloorPolicy policy);
    // The host used the shared window locally: the floor comes back at once.
    void hostInput();

    const FloorControl &floor() const { return floor_; }
    int64_t droppedInputEvents() const { return droppedEvents_; }
    int64_t injectedInputEvents() const { return injectedEvents_; }
    // What a late joiner needs to know: the holder, the generation, who waits.
    std::vector<protocol::PduBody> state() const;

signals:
    // Ask policy: the host must grant or deny.
    void requestPending(uint16_t participant);
    void holderChanged(uint16_t holder, uint16_t previous, const QString &cause);
    void queueChanged();

private:
    void flush();
    void refuse(uint16_t participant, FloorRefusal refusal);
    void admitInput(uint16_t participant, const protocol::InputPdu &input);
    protocol::FloorQueueStatePdu queueState() const;

    FloorControl floor_;
    Send send_;
    InputInjector *injector_ = nullptr;
    std::map<uint16_t, InputReplayer> replayers_;
    QTimer tick_;
    int64_t droppedEvents_ = 0;
    int64_t injectedEvents_ = 0;
};

} // namespace baton
