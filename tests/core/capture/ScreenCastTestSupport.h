#pragma once

// What the screen cast tests do alike on a headless GNOME: wait for a session's answer, and
// type or click into the desktop through a session's remote desktop input, again and again
// until something answers (a seat's first keys and clicks are lost while no client has
// bound the keyboard or pointer that came with the remote desktop session).

#include "core/capture/wayland/ScreenCastSession.h"

#include <QDeadlineTimer>
#include <QPointF>
#include <QSignalSpy>
#include <QTest>

#include <linux/input-event-codes.h>

namespace baton::test {

// How long a screen cast's answers and a desktop's reactions may take on a busy machine.
inline constexpr int kScreenCastTimeoutMs = 20000;

// What a screen cast session answered since this was made, for a test to wait on and assert.
struct ScreenCastAnswers {
    explicit ScreenCastAnswers(ScreenCastSession *session)
        : granted(session, &ScreenCastSession::granted),
          refused(session, &ScreenCastSession::refused),
          closed(session, &ScreenCastSession::closed)
    {
    }

    // Granted or refused: the session asks no longer.
    bool answered() const { return !granted.isEmpty() || !refused.isEmpty(); }
    // The first refusal's reason; empty when there was none.
    QString reason() const
    {
        return refused.isEmpty() ? QString() : refused.at(0).at(0).toString();
    }

    QSignalSpy granted;
    QSignalSpy refused;
    QSignalSpy closed;
};

// Begins session with options and waits for its answer: true once granted, false when it
// was refused (errorString() says why) or did not answer in time.
inline bool beginAndAwaitGrant(ScreenCastSession &session, const ScreenCastOptions &options = {})
{
    ScreenCastAnswers answers(&session);
    session.begin(options);
    return QTest::qWaitFor([&] { return answers.answered(); }, kScreenCastTimeoutMs) &&
        !answers.granted.isEmpty();
}

// Presses and releases an evdev key through session's remote desktop input.
inline bool tapKey(ScreenCastSession &session, int evdevKey)
{
    return session.notifyKeyboardKeycode(evdevKey, true) &&
        session.notifyKeyboardKeycode(evdevKey, false);
}

// Moves the pointer to at (stream pixels) and clicks the left button there.
inline bool click(ScreenCastSession &session, QPointF at)
{
    return session.notifyPointerMotionAbsolute(at) && session.notifyPointerButton(BTN_LEFT, true) &&
        session.notifyPointerButton(BTN_LEFT, false);
}

// Does action (keys or clicks that are lost until the desktop is ready for them) again and
// again, every 50 ms as QTRY_* polls, until done() holds; false when that took too long.
template <typename Action, typename Done> bool repeatUntil(Action action, Done done)
{
    const QDeadlineTimer deadline(kScreenCastTimeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        action();
        QTest::qWait(50);
    }
    return true;
}

} // namespace baton::test
