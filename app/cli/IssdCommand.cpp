#include "IssdCommand.h"

#include "CliCommands.h"

#include "core/issd/IssdClient.h"
#include "core/issd/IssdDiscoverer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace baton::cli {
namespace {

// Words after HOST become one command: key=value words are arguments, the rest
// positionals, each quoted on the wire as needed.
std::optional<issd::Command> commandFrom(const QStringList &words)
{
    if (words.isEmpty())
        return std::nullopt;
    issd::Command command{words.first().toUpper(), {}};
    for (const QString &word : words.mid(1)) {
        const qsizetype equals = word.indexOf(u'=');
        if (equals > 0 && issd::isValidKey(QStringView(word).first(equals)))
            command.args.add(word.first(equals), word.sliced(equals + 1));
        else
            command.args.addPositional(word);
    }
    issd::ParseError error;
    if (!issd::Command::parse(command.toLine(), &error))
        return std::nullopt;
    return command;
}

int discover(const QCommandLineParser &parser, quint16 port, QTextStream &out, QTextStream &err)
{
    QList<QHostAddress> targets;
    for (const QString &to : parser.values(QStringLiteral("to"))) {
        QHostAddress address;
        if (!address.setAddress(to)) {
            err << "baton-cli issd: not an address: " << to << '\n';
            return kExitUsage;
        }
        targets.append(address);
    }
    issd::IssdDiscoverer discoverer;
    QObject::connect(&discoverer, &issd::IssdDiscoverer::found, [&](const issd::IssdDiscoverer::Agent &agent) {
        QHostAddress address = agent.address;
        if (const auto v4 = address.toIPv4Address(); address.protocol() == QAbstractSocket::IPv6Protocol && v4)
            address = QHostAddress(v4);
        out << address.toString() << ':' << agent.tcpPort << "  id=" << agent.id << "  name=\"" << agent.name
            << "\"  displays=" << agent.displays << "  tls=" << (agent.tls ? "yes" : "no") << '\n';
        out.flush();
    });
    QString error;
    if (!discoverer.discover(port, targets, &error)) {
        err << "baton-cli issd: " << error << '\n';
        return kExitFailure;
    }
    QTimer::singleShot(parser.value(QStringLiteral("timeout-ms")).toInt(), qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
    if (discoverer.agents().isEmpty()) {
        err << "baton-cli issd: no agent answered\n";
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace

int runIssd(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Send one ISSD command to a display agent and print its reply, or discover agents.\n"
        "Example: baton-cli issd studio-3 --secret-file key.txt SET 1 mode=1920x1080@60 revert=15"));
    parser.addHelpOption();
    const QCommandLineOption discoverOption(QStringLiteral("discover"), QStringLiteral("List agents that answer on the LAN."));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port for --discover (default 1600)."), QStringLiteral("N"), QStringLiteral("1600"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Ask this address instead of broadcasting (repeatable)."), QStringLiteral("ADDRESS"));
    const QCommandLineOption timeout(QStringLiteral("timeout-ms"), QStringLiteral("How long --discover listens (default 2000)."), QStringLiteral("MS"), QStringLiteral("2000"));
    const QCommandLineOption secretFile(QStringLiteral("secret-file"), QStringLiteral("File whose first line is the secret (else $BATON_ISSD_SECRET)."), QStringLiteral("FILE"));
    const QCommandLineOption keyId(QStringLiteral("key"), QStringLiteral("Key id (default: default)."), QStringLiteral("ID"), QStringLiteral("default"));
    const QCommandLineOption tls(QStringLiteral("tls"), QStringLiteral("required (default) or optional."), QStringLiteral("POLICY"), QStringLiteral("required"));
    const QCommandLineOption fingerprint(QStringLiteral("fingerprint"), QStringLiteral("The agent's certificate SHA-256 (hex) to pin."), QStringLiteral("HEX"));
    const QCommandLineOption output(QStringLiteral("output"), QStringLiteral("SNAPSHOT: write the image here instead of printing base64."), QStringLiteral("FILE"));
    const QCommandLineOption events(QStringLiteral("events"), QStringLiteral("After the reply, print events for this many seconds."), QStringLiteral("SECONDS"), QStringLiteral("0"));
    const QList<QCommandLineOption> parserOptions = {discoverOption, port, to, timeout, secretFile, keyId, tls,
                                                     fingerprint, output, events};
    parser.addOptions(parserOptions);
    // Options may stand anywhere; the words after HOST that are not options form the
    // command (ISSD arguments are key=value or plain words, never --options).
    QStringList ours{QStringLiteral("baton-cli issd")};
    QStringList commandWords;
    bool hostSeen = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &word = args[i];
        const QString optionName = word.mid(2).section(u'=', 0, 0);
        const auto option = std::find_if(parserOptions.begin(), parserOptions.end(), [&](const QCommandLineOption &o) {
            return word.startsWith(QLatin1String("--")) && o.names().contains(optionName);
        });
        if (option != parserOptions.end() || word == u"-h" || word == u"--help" ||
            (commandWords.isEmpty() && word.startsWith(u'-'))) {
            ours.append(word);
            if (option != parserOptions.end() && !option->valueName().isEmpty() && !word.contains(u'=') &&
                i + 1 < args.size())
                ours.append(args[++i]);
        } else if (!hostSeen) {
            ours.append(word);
            hostSeen = true;
        } else {
            commandWords.append(word);
        }
    }
    if (!parser.parse(ours)) {
        err << "baton-cli issd: " << parser.errorText() << '\n';
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt's first line names the binary's path; ours names the command.
        out << "Usage: baton-cli issd HOST [OPTIONS] COMMAND [ARGUMENTS...]\n"
            << "       baton-cli issd --discover [OPTIONS]\n"
            << parser.helpText().section(QLatin1Char('\n'), 1);
        return kExitOk;
    }
    if (parser.isSet(discoverOption))
        return discover(parser, quint16(parser.value(port).toUInt()), out, err);

    const QStringList positionals = parser.positionalArguments();
    const QUrl target(QStringLiteral("issd://") + positionals.value(0));
    const auto command = commandFrom(commandWords);
    if (positionals.size() != 1 || target.host().isEmpty() || !command) {
        err << "Usage: baton-cli issd HOST[:PORT] [--secret-file F] COMMAND [ARGS…]\n"
               "       baton-cli issd --discover [--to ADDRESS] [--port N]\n";
        return kExitUsage;
    }
    issd::IssdClient::Options options;
    options.keyId = parser.value(keyId);
    options.requireTls = parser.value(tls) != u"optional";
    options.clientName = QStringLiteral("baton-cli");
    options.pinnedFingerprint = QByteArray::fromHex(parser.value(fingerprint).remove(u':').toLatin1());
    if (parser.isSet(secretFile)) {
        QFile file(parser.value(secretFile));
        if (!file.open(QIODevice::ReadOnly)) {
            err << "baton-cli issd: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
            return kExitFailure;
        }
        options.secret = file.readLine().trimmed();
    } else {
        options.secret = qgetenv("BATON_ISSD_SECRET");
    }
    if (options.secret.isEmpty()) {
        err << "baton-cli issd: no secret: pass --secret-file FILE or set BATON_ISSD_SECRET\n";
        return kExitUsage;
    }

    int exitCode = kExitFailure;
    issd::IssdClient client(options);
    QObject::connect(&client, &issd::IssdClient::failed, [&](const QString &reason) {
        err << "baton-cli issd: " << reason << '\n';
        QCoreApplication::exit(kExitFailure);
    });
    QObject::connect(&client, &issd::IssdClient::eventReceived, [&](const issd::Event &event) {
        out << event.toLine().trimmed() << '\n';
        out.flush();
    });
    QObject::connect(&client, &issd::IssdClient::certificateSeen, [&](const QByteArray &seen) {
        if (options.pinnedFingerprint.isEmpty())
            err << "baton-cli issd: agent certificate SHA-256 " << seen.toHex(':')
                << " (not pinned; pass --fingerprint to pin it)\n";
    });
    client.send(*command, [&](const issd::IssdClient::Response &response) {
        QStringList data = response.data;
        if (parser.isSet(output) && command->verb == u"SNAPSHOT" && response.code == 250 && !data.isEmpty()) {
            QFile file(parser.value(output));
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(QByteArray::fromBase64(data.mid(1).join(QString()).toLatin1())) < 0) {
                err << "baton-cli issd: cannot write " << file.fileName() << '\n';
                QCoreApplication::exit(kExitFailure);
                return;
            }
            data = data.mid(0, 1);
        }
        for (const QString &line : std::as_const(data))
            out << line << '\n';
        (response.isSuccess() ? out : err) << response.toString() << '\n';
        out.flush();
        exitCode = response.isSuccess() ? kExitOk : kExitFailure;
        const int seconds = parser.value(events).toInt();
        QTimer::singleShot(seconds * 1000, [&client, exitCode] {
            client.disconnectFromAgent();
            QCoreApplication::exit(exitCode);
        });
    });
    client.connectToAgent(target.host(), quint16(target.port(1600)));
    return QCoreApplication::exec();
}

} // namespace baton::cli
