#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace baton::cli {

// The person at a GNOME Wayland host typing: a RemoteDesktop session of its own on mutter
// (org.gnome.Mutter.RemoteDesktop, on BUS), whose keys go to the window with the keyboard
// focus as a local keyboard's would. It types TEXT as keysyms (Return for a newline), one
// press or release every eventMs, over and over until it is destroyed; the session ends
// with it (and with the connection).
class GnomeTypist : public QObject {
    Q_OBJECT
public:
    // The session started and typing began; null with the reason in *error otherwise.
    static std::unique_ptr<GnomeTypist> start(const QDBusConnection &bus, const QString &text,
                                              int eventMs, QString *error);
    ~GnomeTypist() override;

private:
    GnomeTypist(const QDBusConnection &bus, QString session, QString text, int eventMs);
    void next();
    void call(const QString &method, const QVariantList &arguments);

    QDBusConnection bus_;
    QString session_;
    QString text_;
    // Which key event comes next: even ones press text_'s character, odd ones release it.
    qsizetype event_ = 0;
    QTimer timer_;
};

} // namespace baton::cli
