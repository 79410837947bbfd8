#include "core/issd/IssdArguments.h"

#include <QStringDecoder>

namespace baton::issd {
namespace {

bool fail(ParseError *error, const QString &message)
{
    if (error)
        *error = {500, message};
    return false;
}

bool isKeyChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
}

// Reads a quoted string starting at text[pos] == '"'; on success pos is one past
// the closing quote.
bool readQuoted(QStringView text, qsizetype &pos, QString &out, ParseError *error)
{
    ++pos;
    out.clear();
    while (pos < text.size()) {
        const QChar c = text[pos++];
        if (c == u'"')
            return true;
        if (c == u'\\') {
            if (pos >= text.size() || (text[pos] != u'"' && text[pos] != u'\\'))
                return fail(error, QStringLiteral("only \\\" and \\\\ may follow a backslash"));
            out += text[pos++];
            continue;
        }
        out += c;
    }
    return fail(error, QStringLiteral("unterminated quoted string"));
}

} // namespace

bool isValidKey(QStringView key)
{
    if (key.isEmpty() || key.size() > 32)
        return false;
    return std::all_of(key.begin(), key.end(), isKeyChar);
}

std::optional<QString> decodeLine(QByteArrayView bytes, ParseError *error)
{
    for (const char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            fail(error,
                 QStringLiteral("control character 0x%1 in line").arg(c, 2, 16, QLatin1Char('0')));
            return std::nullopt;
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        fail(error, QStringLiteral("line is not valid UTF-8"));
        return std::nullopt;
    }
    return text;
}

std::optional<Arguments> Arguments::parse(QStringView text, ParseError *error)
{
    Arguments result;
    qsizetype pos = 0;
    while (pos < text.size()) {
        if (text[pos] == u' ') {
            ++pos;
            continue;
        }
        if (result.args_.size() == kMaxArguments) {
            fail(error, QStringLiteral("more than %1 arguments").arg(kMaxArguments));
            return std::nullopt;
        }
        Argument arg;
        if (text[pos] == u'"') {
            if (!readQuoted(text, pos, arg.value, error))
                return std::nullopt;
        } else {
            const qsizetype start = pos;
            while (pos < text.size() && text[pos] != u' ' && text[pos] != u'"') {
                if (text[pos] == u'\t') {
                    fail(error, QStringLiteral("TAB is allowed only inside quotes"));
                    return std::nullopt;
                }
                ++pos;
            }
            const QStringView word = text.sliced(start, pos - start);
            const qsizetype equals = word.indexOf(u'=');
            if (equals > 0 && isValidKey(word.first(equals))) {
                arg.key = word.first(equals).toString();
                if (equals + 1 == word.size() && pos < text.size() && text[pos] == u'"') {
                    if (!readQuoted(text, pos, arg.value, error))
                        return std::nullopt;
                } else {
                    arg.value = word.sliced(equals + 1).toString();
                }
            } else {
                arg.value = word.toString();
            }
            if (pos < text.size() && text[pos] == u'"') {
                fail(error, QStringLiteral("a quote may not start inside a word"));
                return std::nullopt;
            }
        }
        if (pos < text.size() && text[pos] != u' ') {
            fail(error, QStringLiteral("a space must follow a quoted string"));
            return std::nullopt;
        }
        result.args_.append(std::move(arg));
    }
    return result;
}

QString quoteIfNeeded(const QString &value, bool positional)
{
    bool needs = value.isEmpty() || value.contains(u' ') || value.contains(u'\t') ||
        value.contains(u'"') || value.contains(u'\\');
    if (!needs && positional) {
        const qsizetype equals = value.indexOf(u'=');
        needs = equals > 0 && isValidKey(QStringView(value).first(equals));
    }
    if (!needs)
        return value;
    QString quoted = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == u'"' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    quoted += u'"';
    return quoted;
}

QString Arguments::serialize() const
{
    QStringList words;
    words.reserve(args_.size());
    for (const Argument &arg : args_) {
        if (arg.isPositional())
            words << quoteIfNeeded(arg.value, true);
        else
            words << arg.key + u'=' + quoteIfNeeded(arg.value, false);
    }
    return words.join(u' ');
}

QStringList Arguments::positionals() const
{
    QStringList values;
    for (const Argument &arg : args_)
        if (arg.isPositional())
            values << arg.value;
    return values;
}

std::optional<QString> Arguments::value(QStringView key) const
{
    for (const Argument &arg : args_)
        if (arg.key == key)
            return arg.value;
    return std::nullopt;
}

} // namespace baton::issd
