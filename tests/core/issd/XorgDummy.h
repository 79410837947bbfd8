#pragma once

// Starts a real Xorg with the `dummy` video driver for the duration of a test: unlike
// Xvfb, its RandR outputs can change mode. Needs xserver-xorg-core and
// xserver-xorg-video-dummy, and root (Xorg accepts an absolute -config path only then).

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <xcb/xcb.h>

namespace baton::issd::test {

class XorgDummy {
public:
    ~XorgDummy() { stop(); }

    // Ends the server (its clients see the connection close).
    void stop()
    {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            if (!process_.waitForFinished(5000))
                process_.kill();
            process_.waitForFinished(2000);
        }
    }

    // Empty on success, else why the server could not start.
    QString start()
    {
        const QString xorg = QStandardPaths::findExecutable(QStringLiteral("Xorg"));
        if (xorg.isEmpty() || !QFile::exists(QStringLiteral("/usr/lib/xorg/modules/drivers/dummy_drv.so")))
            return QStringLiteral("Xorg or its dummy driver is not installed (tools/bootstrap)");
        const QString config = dir_.filePath(QStringLiteral("xorg.conf"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            return QStringLiteral("cannot write %1").arg(config);
        file.write(R"(Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 256000
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
  Modeline "1024x768" 65.00 1024 1048 1184 1344 768 771 777 806 -hsync -vsync
  Modeline "800x600" 40.00 800 840 968 1056 600 601 605 628 +hsync +vsync
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes "1024x768" "800x600"
    Virtual 2048 2048
  EndSubSection
EndSection
)");
        file.close();
        // -displayfd: Xorg picks a free display number under its own lock and prints it
        // once it accepts connections, so no other test's server can take it meanwhile.
        process_.start(xorg, {QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-config"),
                              config, QStringLiteral("-noreset"), QStringLiteral("-logfile"),
                              dir_.filePath(QStringLiteral("Xorg.log")), QStringLiteral("-nolisten"),
                              QStringLiteral("tcp")});
        if (!process_.waitForStarted(5000))
            return QStringLiteral("Xorg did not start: %1").arg(process_.errorString());
        QByteArray announced;
        for (int attempt = 0; attempt < 150 && !announced.contains('\n'); ++attempt) {
            process_.waitForReadyRead(100);
            announced += process_.readAllStandardOutput();
            if (process_.state() == QProcess::NotRunning)
                break;
        }
        bool numbered = false;
        const int number = announced.trimmed().toInt(&numbered);
        if (!numbered)
            return QStringLiteral("Xorg did not say its display: %1")
                .arg(QString::fromLocal8Bit(process_.readAllStandardError()).right(2000));
        display_ = QStringLiteral(":%1").arg(number);
        for (int attempt = 0; attempt < 100; ++attempt) {
            xcb_connection_t *c = xcb_connect(display_.toLatin1().constData(), nullptr);
            const bool ok = !xcb_connection_has_error(c);
            xcb_disconnect(c);
            if (ok)
                return {};
            if (process_.state() == QProcess::NotRunning)
                break;
            QThread::msleep(100);
        }
        return QStringLiteral("Xorg %1 did not come up: %2")
            .arg(display_, QString::fromLocal8Bit(process_.readAllStandardError()).right(2000));
    }

    QString display() const { return display_; }

    // What `xrandr` prints for the screen, e.g. "DUMMY0 connected primary 800x600+0+0 0mm x 0mm".
    QString xrandrLine(const QString &output = QStringLiteral("DUMMY0")) const
    {
        QProcess xrandr;
        xrandr.start(QStringLiteral("xrandr"), {QStringLiteral("--display"), display_});
        xrandr.waitForFinished(10000);
        for (const QString &line : QString::fromLocal8Bit(xrandr.readAllStandardOutput()).split(u'\n')) {
            if (line.startsWith(output + u' '))
                return line.trimmed();
        }
        return {};
    }

    bool xrandr(const QStringList &arguments) const
    {
        QProcess xrandr;
        xrandr.start(QStringLiteral("xrandr"), QStringList{QStringLiteral("--display"), display_} + arguments);
        return xrandr.waitForFinished(10000) && xrandr.exitCode() == 0;
    }

private:
    QTemporaryDir dir_;
    QString display_;
    QProcess process_;
};

} // namespace baton::issd::test
