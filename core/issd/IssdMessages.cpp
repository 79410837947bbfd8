#include "core/issd/IssdMessages.h"

#include <QRegularExpression>

namespace baton::issd {
namespace {

template <typename T> std::optional<T> fail(ParseError *error, int code, const QString &message)
{
    if (error)
        *error = {code, message};
    return std::nullopt;
}

bool isVerb(QStringView verb)
{
    if (verb.isEmpty() || verb.size() > 32 || !verb.front().isLetter())
        return false;
    return std::all_of(verb.begin(), verb.end(), [](QChar c) {
        return c.unicode() < 0x80 && (c.isLetterOrNumber() || c == u'-');
    });
}

bool isWord(QStringView word)
{
    static const QRegularExpression pattern(QStringLiteral("^(OK|E_[A-Z_]{1,30})$"));
    return pattern.match(word).hasMatch();
}

QByteArray withCrlf(const QString &text)
{
    return text.toUtf8() + "\r\n";
}

} // namespace

QByteArrayView withoutLineEnd(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

std::optional<Command> Command::parse(QByteArrayView line, ParseError *error)
{
    const auto text = decodeLine(withoutLineEnd(line), error);
    if (!text)
        return std::nullopt;
    const qsizetype space = text->indexOf(u' ');
    const QStringView verb = QStringView(*text).first(space < 0 ? text->size() : space);
    if (!isVerb(verb))
        return fail<Command>(error, 500, QStringLiteral("a command starts with a verb"));
    const auto args =
        Arguments::parse(space < 0 ? QStringView() : QStringView(*text).sliced(space + 1), error);
    if (!args)
        return std::nullopt;
    return Command{verb.toString().toUpper(), *args};
}

QByteArray Command::toLine() const
{
    return withCrlf(args.isEmpty() ? verb : verb + u' ' + args.serialize());
}

std::optional<ReplyLine> ReplyLine::parse(QByteArrayView line, ParseError *error)
{
    const auto text = decodeLine(withoutLineEnd(line), error);
    if (!text)
        return std::nullopt;
    const QStringView view(*text);
    // ASCII digits only: QChar::isDigit() also takes other scripts' digits, which toInt()
    // does not read.
    const auto digit = [](QChar c) { return c >= u'0' && c <= u'9'; };
    if (view.size() < 4 || !digit(view[0]) || !digit(view[1]) || !digit(view[2]) ||
        view[0] < u'2' || view[0] > u'5' || (view[3] != u' ' && view[3] != u'-'))
        return fail<ReplyLine>(error, 500, QStringLiteral("a reply starts with a code"));
    ReplyLine reply;
    reply.code = view.first(3).toInt();
    reply.isFinal = view[3] == u' ';
    const QStringView rest = view.sliced(4);
    if (!reply.isFinal) {
        reply.text = rest.toString();
        return reply;
    }
    const qsizetype space = rest.indexOf(u' ');
    const QStringView word = rest.first(space < 0 ? rest.size() : space);
    if (!isWord(word))
        return fail<ReplyLine>(error, 500, QStringLiteral("a final reply line names OK or E_…"));
    reply.word = word.toString();
    if (space >= 0)
        reply.text = rest.sliced(space + 1).toString();
    return reply;
}

QByteArray ReplyLine::toLine() const
{
    const QString code3 = QStringLiteral("%1").arg(code, 3, 10, QLatin1Char('0'));
    if (!isFinal)
        return withCrlf(code3 + u'-' + text);
    return withCrlf(code3 + u' ' + word + (text.isEmpty() ? QString() : u' ' + text));
}

std::optional<Event> Event::parse(QByteArrayView line, ParseError *error)
{
    const auto text = decodeLine(withoutLineEnd(line), error);
    if (!text)
        return std::nullopt;
    if (!text->startsWith(QLatin1String("* EVENT ")))
        return fail<Event>(error, 500, QStringLiteral("an event starts with \"* EVENT\""));
    const auto args = Arguments::parse(QStringView(*text).sliced(8), error);
    if (!args)
        return std::nullopt;
    if (args->size() < 2 || !args->all()[0].isPositional() || !args->all()[1].isPositional())
        return fail<Event>(error, 500,
                           QStringLiteral("an event needs a sequence number and a type"));
    bool ok = false;
    Event event;
    event.seq = args->all()[0].value.toULongLong(&ok);
    if (!ok)
        return fail<Event>(error, 500, QStringLiteral("event sequence is not a number"));
    event.type = args->all()[1].value;
    if (!isValidKey(event.type))
        return fail<Event>(error, 500, QStringLiteral("event type is malformed"));
    for (qsizetype i = 2; i < args->size(); ++i) {
        const Argument &arg = args->all()[i];
        if (arg.isPositional())
            return fail<Event>(error, 500, QStringLiteral("event details are key=value"));
        event.args.add(arg.key, arg.value);
    }
    return event;
}

QByteArray Event::toLine() const
{
    QString line = QStringLiteral("* EVENT %1 %2").arg(seq).arg(type);
    if (!args.isEmpty())
        line += u' ' + args.serialize();
    return withCrlf(line);
}

} // namespace baton::issd
