#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QLocalServer;
class QLocalSocket;

namespace baton::ui {

// One Baton per person and display: the first process to start listens on a local
// socket only its user can reach; each later one hands its request ("open this invite
// link", "show yourself") to it and exits. Requests are one line each, answered with
// "ok" or "error SENTENCE", so the later process can tell the person what happened
// and exit with the right status.
//
// Bounded like any server: a request longer than kMaxRequestBytes or a client that
// says nothing for kIdleTimeoutMs is cut, and at most kMaxClients talk at once.
class SingleInstance : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxRequestBytes = 16 * 1024;
    static constexpr int kIdleTimeoutMs = 5000;
    static constexpr int kMaxClients = 8;

    // What the running instance is asked to do.
    struct Request {
        enum class Kind { Show, OpenLink };
        Kind kind = Kind::Show;
        QString link; // OpenLink: the text as given, validated by the receiver
    };
    // Empty when the request was carried out; otherwise a sentence for the person.
    using Handler = std::function<QString(const Request &)>;

    // name: the socket's name; defaultName() for the application.
    explicit SingleInstance(QString name, QObject *parent = nullptr);
    ~SingleInstance() override;

    // This user's socket for this display (X11 DISPLAY or Wayland WAYLAND_DISPLAY), in
    // the user's runtime directory.
    static QString defaultName();

    // Becomes the running instance: false when another process already is (it answered
    // a connection) or the socket cannot be created, with a sentence in *error. A socket
    // left behind by a process that died is removed and taken over.
    bool listen(Handler handler, QString *error = nullptr);
    bool isListening() const;
    QString name() const { return name_; }

    // Hands request to the running instance and waits for its answer. nullopt: nobody
    // answered (no instance runs, or it hung for timeoutMs); else the answer, empty
    // meaning done.
    static std::optional<QString> send(const QString &name, const Request &request,
                                       int timeoutMs = kIdleTimeoutMs);

private:
    void onNewConnection();
    void onReadyRead(QLocalSocket *client);

    QString name_;
    QLocalServer *server_ = nullptr;
    Handler handler_;
};

} // namespace baton::ui
