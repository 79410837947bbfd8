#include "WindowsCommand.h"

#include "CliCommands.h"
#include "core/capture/WindowSourceFactory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace baton::cli {
namespace {

QJsonObject toJson(const WindowInfo &window)
{
    QJsonObject o;
    o[QStringLiteral("id")] = QStringLiteral("0x%1").arg(window.id, 0, 16);
    o[QStringLiteral("title")] = window.title;
    o[QStringLiteral("class")] = window.className;
    o[QStringLiteral("pid")] = qint64(window.pid);
    o[QStringLiteral("x")] = window.geometry.x;
    o[QStringLiteral("y")] = window.geometry.y;
    o[QStringLiteral("width")] = window.geometry.width;
    o[QStringLiteral("height")] = window.geometry.height;
    return o;
}

void printTable(QTextStream &out, const QList<WindowInfo> &windows)
{
    out << "ID          PID      GEOMETRY           CLASS             TITLE\n";
    for (const WindowInfo &w : windows) {
        const QString geometry = QStringLiteral("%1x%2+%3+%4")
                                     .arg(w.geometry.width)
                                     .arg(w.geometry.height)
                                     .arg(w.geometry.x)
                                     .arg(w.geometry.y);
        out << QStringLiteral("0x%1").arg(w.id, 0, 16).leftJustified(12)
            << (w.pid > 0 ? QString::number(w.pid) : QStringLiteral("-")).leftJustified(9)
            << geometry.leftJustified(19) << w.className.leftJustified(18) << w.title << '\n';
    }
}

} // namespace

int runWindows(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool json = false;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (arg == QLatin1String("--help") || arg == QLatin1String("-h")) {
            out << "Usage: baton-cli windows [--json]\n\n"
                << "Lists the top-level windows that can be shared: id, process, geometry,\n"
                << "class and title. --json prints one JSON array instead of a table.\n";
            return kExitOk;
        } else {
            err << "baton-cli windows: unknown option '" << arg << "'\n"
                << "Usage: baton-cli windows [--json]\n";
            return kExitUsage;
        }
    }
    const WindowSourceFactory::Listing listing = WindowSourceFactory::listWindows();
    if (listing.backend.isEmpty()) {
        err << "baton-cli windows: no capture backend can list windows here:\n";
        for (const QString &refusal : listing.refusals)
            err << "  " << refusal << '\n';
        return kExitFailure;
    }
    if (json) {
        QJsonArray array;
        for (const WindowInfo &window : listing.windows)
            array.append(toJson(window));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        printTable(out, listing.windows);
    }
    return kExitOk;
}

} // namespace baton::cli
