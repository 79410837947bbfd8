#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace baton::test {

// A PipeWire daemon of the test's own: dbus-daemon (which WirePlumber needs), pipewire and
// wireplumber (which links the nodes) in a private runtime directory, with private XDG
// config, state and data directories. start() points this process's libpipewire at it;
// the destructor ends the three.
class PrivatePipeWire {
public:
    ~PrivatePipeWire()
    {
        for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
            (*it)->terminate();
            if (!(*it)->waitForFinished(5000)) {
                (*it)->kill();
                (*it)->waitForFinished(5000);
            }
        }
    }

    bool start(QString *error)
    {
        if (!dir_.isValid())
            return fail(error, QStringLiteral("no temporary directory"));
        QFile::setPermissions(dir_.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        environment_ = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "PIPEWIRE_REMOTE",
                                 "PIPEWIRE_RUNTIME_DIR", "DBUS_SESSION_BUS_ADDRESS"})
            environment_.remove(QString::fromLatin1(name));
        environment_.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir_.path());
        for (const char *name : {"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"}) {
            const QString path = dir_.filePath(QString::fromLatin1(name));
            QDir().mkpath(path);
            environment_.insert(QString::fromLatin1(name), path);
        }

        QProcess *bus = spawn(QStringLiteral("dbus-daemon"),
                              {QStringLiteral("--session"), QStringLiteral("--nofork"),
                               QStringLiteral("--print-address=1")});
        if (!bus->waitForReadyRead(10000))
            return fail(error, QStringLiteral("dbus-daemon gave no address"));
        const QString address = QString::fromUtf8(bus->readLine()).trimmed();
        environment_.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);

        spawn(QStringLiteral("pipewire"), {});
        if (!QTest::qWaitFor([&] { return QFileInfo::exists(dir_.filePath("pipewire-0")); }, 10000))
            return fail(error, QStringLiteral("pipewire did not start"));
        spawn(QStringLiteral("wireplumber"), {});

        qputenv("XDG_RUNTIME_DIR", dir_.path().toLocal8Bit());
        qunsetenv("PIPEWIRE_REMOTE");
        qunsetenv("PIPEWIRE_RUNTIME_DIR");
        return true;
    }

    // Each daemon's exit, for a failure message.
    QString states() const
    {
        QStringList lines;
        for (const auto &p : processes_)
            lines << QStringLiteral("%1: %2")
                         .arg(p->program())
                         .arg(p->state() == QProcess::Running ? "running" : "exited");
        return lines.join(QStringLiteral(", "));
    }

private:
    QProcess *spawn(const QString &program, const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessEnvironment(environment_);
        process->setStandardErrorFile(dir_.filePath(program + QStringLiteral(".log")));
        process->start(program, arguments);
        processes_.push_back(std::move(process));
        return processes_.back().get();
    }
    static bool fail(QString *error, const QString &why)
    {
        *error = why;
        return false;
    }

    QTemporaryDir dir_;
    QProcessEnvironment environment_;
    std::vector<std::unique_ptr<QProcess>> processes_;
};

} // namespace baton::test
