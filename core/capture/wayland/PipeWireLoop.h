#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <pipewire/pipewire.h>

class QSocketNotifier;

namespace baton {

// One owner type per libpipewire object, so every exit path frees what it made.
struct PwLoopFree {
    void operator()(pw_loop *loop) const { pw_loop_destroy(loop); }
};
struct PwContextFree {
    void operator()(pw_context *context) const { pw_context_destroy(context); }
};
struct PwCoreFree {
    void operator()(pw_core *core) const { pw_core_disconnect(core); }
};
struct PwStreamFree {
    void operator()(pw_stream *stream) const { pw_stream_destroy(stream); }
};
struct PwProxyFree {
    void operator()(pw_proxy *proxy) const { pw_proxy_destroy(proxy); }
};

using PwLoopPtr = std::unique_ptr<pw_loop, PwLoopFree>;
using PwContextPtr = std::unique_ptr<pw_context, PwContextFree>;
using PwCorePtr = std::unique_ptr<pw_core, PwCoreFree>;
using PwStreamPtr = std::unique_ptr<pw_stream, PwStreamFree>;
using PwProxyPtr = std::unique_ptr<pw_proxy, PwProxyFree>;

// A listener registration (pw_stream_add_listener and the like): removed when this goes,
// which must be before the object it listens to (declare it after that object's owner).
class PwListener {
public:
    PwListener() = default;
    ~PwListener() { remove(); }
    PwListener(const PwListener &) = delete;
    PwListener &operator=(const PwListener &) = delete;

    spa_hook *get() { return &hook_; }
    void remove()
    {
        if (hook_.link.prev != nullptr)
            spa_hook_remove(&hook_);
        hook_ = {};
    }

private:
    spa_hook hook_ = {};
};

// libpipewire's main loop, run by the Qt event loop of the thread that made it: its file
// descriptor is watched with a QSocketNotifier and each wake-up dispatches what is ready
// (pw_loop_iterate without waiting). No thread of ours; libpipewire's callbacks (stream
// events, process) run on this thread, inside iterate().
//
// Also holds the pw_context that the loop's connections to PipeWire daemons are made
// with. Not copyable; destroy the connections (and streams) made with it first.
class PipeWireLoop {
public:
    // pw_init() once per process, a loop and a context; null with *error set on failure.
    static std::unique_ptr<PipeWireLoop> create(QString *error);
    ~PipeWireLoop();
    PipeWireLoop(const PipeWireLoop &) = delete;
    PipeWireLoop &operator=(const PipeWireLoop &) = delete;

    pw_loop *loop() const { return loop_.get(); }
    pw_context *context() const { return context_.get(); }

    // Connects to a PipeWire daemon: through fd (a portal's OpenPipeWireRemote descriptor,
    // owned by the connection from then on, closed on failure too), or with fd -1 the
    // default remote ($PIPEWIRE_REMOTE, else pipewire-0 in $XDG_RUNTIME_DIR). Null with
    // *error set on failure.
    PwCorePtr connect(int fd, QString *error);

    // Called after each dispatch, outside libpipewire's callbacks: the place to emit Qt
    // signals whose slots might destroy what libpipewire is calling into.
    void setAfterDispatch(std::function<void()> callback) { afterDispatch_ = std::move(callback); }

    // Dispatches whatever is ready now (also done whenever the loop's descriptor wakes up).
    void dispatch();

private:
    PipeWireLoop() = default;

    PwLoopPtr loop_;
    PwContextPtr context_;
    std::unique_ptr<QSocketNotifier> notifier_;
    std::function<void()> afterDispatch_;
    bool entered_ = false;
};

} // namespace baton
