#include "core/issd/IssdArguments.h"
#include "core/issd/IssdLineReader.h"
#include "core/issd/IssdMessages.h"

#include <QTest>

using namespace baton::issd;

namespace {

// Session 1 and 5 of the ISSD v1 examples, as the client and the agent write them.
const char kClientLines[] = "HELLO 1 client=IssdPanel/0.1\r\n"
                            "STARTTLS\r\n"
                            "AUTH HMAC-SHA256 key=panel cn=q1Zr8m0QnJb2m1t4V7xk3g\r\n"
                            "LIST\r\n"
                            "GET 2 brightness,input,power-off-recoverable\r\n"
                            "SET id:SAM.0F12.11D07C3E mode=2560x1440@60 rotation=0 revert=15\r\n"
                            "JOIN 1 baton://laptop-17.lan:1627/deck?fp=ab&code=7 fit=scale\r\n"
                            "IDENTIFY * seconds=5 text=\"Wall \\\"left\\\"\"\n"
                            "quit\r\n";

const char kAgentLines[] =
    "220 OK ISSD/1 Studio-3\r\n"
    "250-version=1\r\n"
    "250-server-id=3f9a6c0e1b2d4a57 name=\"Studio-3\"\r\n"
    "250 OK hello\r\n"
    "250-display=1 id=DEL.A0B1.7F3C2A91 connector=DP-1 label=\"Wall left\" primary=yes\r\n"
    "250 OK 2 displays\r\n"
    "202 OK op=12 revert-in=15\r\n"
    "* EVENT 41 prop display=id:SAM.0F12.11D07C3E mode=2560x1440@60 by=s7 op=12\r\n"
    "551 E_DENIED power=off cannot be undone remotely on this display; use standby\r\n"
    "221 OK bye\r\n";

QList<LineReader::Line> readAll(LineReader &reader)
{
    QList<LineReader::Line> lines;
    while (auto line = reader.next())
        lines << *line;
    return lines;
}

} // namespace

class TestIssdSyntax : public QObject {
    Q_OBJECT
private slots:
    void commandsParse()
    {
        ParseError error;
        auto hello = Command::parse("hello 1 client=IssdPanel/0.1\r\n", &error);
        QVERIFY2(hello, qPrintable(error.message));
        QCOMPARE(hello->verb, QStringLiteral("HELLO"));
        QCOMPARE(hello->args.positionals(), QStringList{QStringLiteral("1")});
        QCOMPARE(hello->args.value(u"client"), QStringLiteral("IssdPanel/0.1"));

        // A URI with '=' in its query stays one positional: "baton://…?fp" is no key.
        auto join = Command::parse("JOIN 1 baton://h:1627/s?fp=ab&code=7 fit=scale", &error);
        QVERIFY(join);
        QCOMPARE(
            join->args.positionals(),
            (QStringList{QStringLiteral("1"), QStringLiteral("baton://h:1627/s?fp=ab&code=7")}));
        QCOMPARE(join->args.value(u"fit"), QStringLiteral("scale"));

        auto identify = Command::parse("IDENTIFY * text=\"say \\\"hi\\\" \\\\ now\ttab\"", &error);
        QVERIFY2(identify, qPrintable(error.message));
        QCOMPARE(identify->args.value(u"text"), QStringLiteral("say \"hi\" \\ now\ttab"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("line");
        const QList<QByteArray> lines = QByteArray(kClientLines).split('\n');
        for (const QByteArray &line : lines)
            if (!line.isEmpty())
                QTest::newRow(line.left(30).constData()) << line;
    }
    void roundTrip()
    {
        QFETCH(QByteArray, line);
        ParseError error;
        const auto command = Command::parse(line, &error);
        QVERIFY2(command, qPrintable(error.message));
        const auto again = Command::parse(command->toLine(), &error);
        QVERIFY(again);
        QCOMPARE(*again, *command);
    }

    void quotingKeepsValues()
    {
        Command command{QStringLiteral("SET"), {}};
        command.args.addPositional(QStringLiteral("name=looks-like-a-key"));
        command.args.addPositional(QString());
        command.args.add(QStringLiteral("label"), QStringLiteral("a \"b\" \\ c"));
        command.args.add(QStringLiteral("empty"), QString());
        command.args.add(QStringLiteral("uri"), QStringLiteral("baton://h/s?fp=1&code=2"));
        ParseError error;
        const auto parsed = Command::parse(command.toLine(), &error);
        QVERIFY2(parsed, qPrintable(error.message));
        QCOMPARE(*parsed, command);
    }

    void repliesAndEvents()
    {
        ParseError error;
        auto data = ReplyLine::parse("250-display=1 label=\"Wall left\"\r\n", &error);
        QVERIFY(data);
        QVERIFY(!data->isFinal);
        QCOMPARE(data->code, 250);
        const auto fields = Arguments::parse(data->text, &error);
        QVERIFY(fields);
        QCOMPARE(fields->value(u"label"), QStringLiteral("Wall left"));

        auto denied = ReplyLine::parse("551 E_DENIED power=off cannot be undone", &error);
        QVERIFY(denied);
        QVERIFY(denied->isFinal);
        QVERIFY(!denied->isSuccess());
        QCOMPARE(denied->word, QStringLiteral("E_DENIED"));
        QCOMPARE(denied->text, QStringLiteral("power=off cannot be undone"));
        QCOMPARE(ReplyLine::parse(denied->toLine(), &error), denied);

        auto event = Event::parse("* EVENT 41 prop display=id:X mode=2560x1440@60 by=s7", &error);
        QVERIFY2(event, qPrintable(error.message));
        QCOMPARE(event->seq, 41u);
        QCOMPARE(event->type, QStringLiteral("prop"));
        QCOMPARE(event->args.value(u"mode"), QStringLiteral("2560x1440@60"));
        QCOMPARE(Event::parse(event->toLine(), &error), event);
        QVERIFY(isEventLine("* EVENT 1 op"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("NUL") << QByteArray("LIST\0x", 6);
        QTest::newRow("escape char") << QByteArray("LIST \x1b[2J");
        QTest::newRow("DEL") << QByteArray("LIST \x7f");
        QTest::newRow("bad UTF-8") << QByteArray("SET 1 label=\xc3\x28");
        QTest::newRow("overlong UTF-8") << QByteArray("SET 1 label=\xc0\xaf");
        QTest::newRow("unterminated quote") << QByteArray("SET 1 label=\"abc");
        QTest::newRow("bad escape") << QByteArray("SET 1 label=\"a\\nb\"");
        QTest::newRow("quote inside word") << QByteArray("SET 1 ab\"c\"");
        QTest::newRow("no space after quote") << QByteArray("SET 1 \"a\"b");
        QTest::newRow("tab outside quotes") << QByteArray("SET\t1");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("verb starts with digit") << QByteArray("1LIST");
        QTest::newRow("non-ASCII verb") << QByteArray("L\xc3\xbcST");
        QTest::newRow("too many args") << QByteArray("GET") + QByteArray(" x").repeated(65);
    }
    void rejects()
    {
        QFETCH(QByteArray, line);
        ParseError error;
        QVERIFY(!Command::parse(line, &error));
        QCOMPARE(error.code, 500);
        QVERIFY(!error.message.isEmpty());
    }

    void malformedReplies()
    {
        ParseError error;
        for (const char *line :
             {"25 OK", "250", "650 OK", "250 ok", "250 E_", "250 WHAT now", "abc OK", "250_OK"})
            QVERIFY2(!ReplyLine::parse(line, &error), line);
        for (const char *line : {"* EVENT x prop", "* EVENT 1", "* EVENT 1 prop stray",
                                 "EVENT 1 prop", "* EVENT 1 Bad-Type"})
            QVERIFY2(!Event::parse(line, &error), line);
    }

    void lineReaderWholeAndByteByByte()
    {
        const QByteArray stream = QByteArray(kClientLines) + kAgentLines;
        LineReader whole;
        whole.feed(stream);
        const auto expected = readAll(whole);
        QCOMPARE(expected.size(), 19);
        QCOMPARE(expected[0].bytes, QByteArray("HELLO 1 client=IssdPanel/0.1"));
        QCOMPARE(expected[7].bytes, QByteArray("IDENTIFY * seconds=5 text=\"Wall \\\"left\\\"\""));

        LineReader trickle;
        QList<LineReader::Line> got;
        for (char byte : stream) {
            trickle.feed(QByteArrayView(&byte, 1));
            got << readAll(trickle);
        }
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i)
            QCOMPARE(got[i].bytes, expected[i].bytes);
        QCOMPARE(trickle.bufferedBytes(), 0);

        // Every line of both examples parses as what it is.
        ParseError error;
        for (qsizetype i = 0; i < 9; ++i)
            QVERIFY2(Command::parse(expected[i].bytes, &error), qPrintable(error.message));
        for (qsizetype i = 9; i < expected.size(); ++i) {
            const QByteArray &line = expected[i].bytes;
            const bool ok = isEventLine(line) ? Event::parse(line, &error).has_value()
                                              : ReplyLine::parse(line, &error).has_value();
            QVERIFY2(ok, line.constData());
        }
    }

    void lineReaderLimits()
    {
        LineReader reader;
        const QByteArray longest = QByteArray(kMaxLineOctets - 2, 'a') + "\r\n";
        reader.feed(longest);
        auto line = reader.next();
        QVERIFY(line && !line->tooLong);
        QCOMPARE(line->bytes.size(), kMaxLineOctets - 2);

        // One octet more is too long; it is reported once and the next line survives.
        reader.feed(QByteArray(kMaxLineOctets - 1, 'b') + "\r\nNOOP\r\n");
        line = reader.next();
        QVERIFY(line && line->tooLong);
        line = reader.next();
        QVERIFY(line && !line->tooLong);
        QCOMPARE(line->bytes, QByteArray("NOOP"));

        // A flood without a newline is reported once, as soon as it is too long, and
        // never buffered whole.
        int reports = 0;
        for (int i = 0; i < 100; ++i) {
            reader.feed(QByteArray(1000, 'c'));
            while ((line = reader.next()))
                reports += line->tooLong;
            QVERIFY(reader.bufferedBytes() < kMaxLineOctets);
        }
        QCOMPARE(reports, 1);
        QCOMPARE(reader.bufferedBytes(), 0);
        reader.feed("c\nQUIT\n");
        line = reader.next();
        QVERIFY(line && !line->tooLong);
        QCOMPARE(line->bytes, QByteArray("QUIT"));
    }

    void lineReaderCountsEveryOctetOfTheReadAhead()
    {
        // Empty lines cost their terminators: 64 octets of read-ahead hold 64 of them at
        // most, and the reader asks for more only as they are taken.
        LineReader reader(kMaxLineOctets, 64);
        QCOMPARE(reader.room(), 64);
        reader.feed(QByteArray(40, '\n') + QByteArray(12, 'x') + "\r\n" + QByteArray(10, '\n'));
        QCOMPARE(reader.bufferedBytes(), 64);
        QCOMPARE(reader.room(), 0);
        auto line = reader.next();
        QVERIFY(line && !line->tooLong && line->bytes.isEmpty());
        QCOMPARE(reader.room(), 1);
        int empty = 1;
        QList<QByteArray> others;
        while ((line = reader.next()))
            line->bytes.isEmpty() ? void(++empty) : others.append(line->bytes);
        QCOMPARE(empty, 50);
        QCOMPARE(others, QList<QByteArray>{QByteArray(12, 'x')});
        QCOMPARE(reader.room(), 64);
        reader.feed("NOOP\r\n");
        QCOMPARE(reader.next()->bytes, QByteArray("NOOP"));
    }
};

QTEST_APPLESS_MAIN(TestIssdSyntax)
#include "tst_issdsyntax.moc"
