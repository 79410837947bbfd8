#pragma once

#include "codecs/frame/Frame.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

struct rdp_freerdp;

namespace baton::test {

// A real RDP client without a display: FreeRDP's own client library (what xfreerdp is
// built on) with its software GDI, connecting with TLS security and a password, on a
// thread of its own so that the test's thread stays free for the server. Input is sent
// from that thread in the order it was asked for.
class RdpTestClient {
public:
    enum class State { Connecting, Connected, Failed, Disconnected };

    // clientName is the computer name the server sees (Client Core Data); without
    // drawsCopies its Order capability leaves ScrBlt out (xfreerdp always has it).
    RdpTestClient(quint16 port, const QString &password, const QString &clientName,
                  bool drawsCopies = true);
    ~RdpTestClient(); // disconnects
    RdpTestClient(const RdpTestClient &) = delete;
    RdpTestClient &operator=(const RdpTestClient &) = delete;

    State state() const { return state_.load(); }
    // What its software GDI shows (opaque BGRA), as of its thread's latest turn; null before
    // it connected.
    Frame picture() const;

    // A set-1 scancode, extended for the E0 prefix.
    void key(uint16_t scancode, bool extended, bool pressed);
    void tap(uint16_t scancode, bool extended = false);
    // PTR_FLAGS_* of freerdp/input.h at (x, y).
    void mouse(uint16_t flags, uint16_t x, uint16_t y);
    void disconnect();

private:
    void run(quint16 port, const std::string &password, const std::string &clientName,
             bool drawsCopies);
    void post(std::function<void(rdp_freerdp *)> command);

    std::atomic<State> state_{State::Connecting};
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::deque<std::function<void(rdp_freerdp *)>> commands_;
    Frame picture_;
    std::thread thread_;
};

} // namespace baton::test
