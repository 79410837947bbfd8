#include "core/capture/wayland/PipeWireLoop.h"

#include <QSocketNotifier>

#include <mutex>
#include <unistd.h>

// libpipewire's calls through its interfaces (pw_loop_iterate, pw_loop_enter…) are
// macros made of GNU statement expressions, which clang's -Wpedantic flags where they are
// expanded; GCC does not.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wgnu-statement-expression"
#endif

namespace baton {

std::unique_ptr<PipeWireLoop> PipeWireLoop::create(QString *error)
{
    // libpipewire's global state (its log, the SPA plugin paths); never undone, as
    // pw_deinit() would pull it from under any other loop of the process.
    static std::once_flag initialised;
    std::call_once(initialised, [] { pw_init(nullptr, nullptr); });

    std::unique_ptr<PipeWireLoop> self(new PipeWireLoop);
    self->loop_.reset(pw_loop_new(nullptr));
    if (!self->loop_) {
        *error = QStringLiteral("cannot create a PipeWire loop: %1").arg(qt_error_string(errno));
        return nullptr;
    }
    self->context_.reset(pw_context_new(self->loop_.get(), nullptr, 0));
    if (!self->context_) {
        *error = QStringLiteral("cannot create a PipeWire context: %1").arg(qt_error_string(errno));
        return nullptr;
    }
    // The loop belongs to this thread from now on: libpipewire calls invoked here run
    // at once instead of being queued.
    pw_loop_enter(self->loop_.get());
    self->entered_ = true;
    self->notifier_ =
        std::make_unique<QSocketNotifier>(pw_loop_get_fd(self->loop_.get()), QSocketNotifier::Read);
    QObject::connect(self->notifier_.get(), &QSocketNotifier::activated, self->notifier_.get(),
                     [loop = self.get()] { loop->dispatch(); });
    return self;
}

PipeWireLoop::~PipeWireLoop()
{
    notifier_.reset();
    context_.reset();
    if (entered_)
        pw_loop_leave(loop_.get());
}

PwCorePtr PipeWireLoop::connect(int fd, QString *error)
{
    PwCorePtr core(fd >= 0 ? pw_context_connect_fd(context_.get(), fd, nullptr, 0)
                           : pw_context_connect(context_.get(), nullptr, 0));
    if (!core) {
        const int why = errno;
        // libpipewire closes the descriptor only with the connection that took it, and
        // its failures all come before that.
        if (fd >= 0)
            ::close(fd);
        *error = QStringLiteral("cannot connect to PipeWire: %1").arg(qt_error_string(why));
    }
    return core;
}

void PipeWireLoop::dispatch()
{
    pw_loop_iterate(loop_.get(), 0);
    // A copy: the callback may destroy this loop with its owner.
    if (const auto callback = afterDispatch_)
        callback();
}

} // namespace baton
