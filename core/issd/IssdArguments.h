#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace baton::issd {

// Limits from the ISSD v1 specification (docs/issd.md).
inline constexpr qsizetype kMaxLineOctets = 4096; // including CRLF
inline constexpr qsizetype kMaxArguments = 64;

// Why a line was refused: the reply code to answer with and a sentence for people.
struct ParseError {
    int code = 500; // 500 E_SYNTAX unless a caller maps it otherwise
    QString message;
};

// One argument: positional (key empty), or key=value. Keys are lower-case ASCII
// [a-z0-9-]{1,32}; a word whose part before '=' is not such a key is positional
// (so URIs with query strings pass as positionals).
struct Argument {
    QString key;
    QString value;

    bool isPositional() const { return key.isEmpty(); }
    friend bool operator==(const Argument &, const Argument &) = default;
};

// The argument list of a command, a data line, an event or a datagram.
class Arguments {
public:
    Arguments() = default;
    Arguments(std::initializer_list<Argument> args) : args_(args) { }

    // Splits text (already UTF-8 decoded and free of CR/LF) into arguments:
    // SP-separated tokens, "quoted strings" with \" and \\ escapes (TAB allowed
    // inside quotes only), key=token, key="quoted".
    static std::optional<Arguments> parse(QStringView text, ParseError *error);

    // The arguments joined with SP, quoting every value that needs it, so that
    // parse(serialize()) gives the same arguments back.
    QString serialize() const;

    const QList<Argument> &all() const { return args_; }
    bool isEmpty() const { return args_.isEmpty(); }
    qsizetype size() const { return args_.size(); }
    QStringList positionals() const;
    std::optional<QString> value(QStringView key) const;
    bool has(QStringView key) const { return value(key).has_value(); }

    void addPositional(const QString &value) { args_.append({QString(), value}); }
    void add(const QString &key, const QString &value) { args_.append({key, value}); }

    friend bool operator==(const Arguments &, const Arguments &) = default;

private:
    QList<Argument> args_;
};

bool isValidKey(QStringView key);
// Quotes value when it is empty or holds SP, TAB, '"', '\\' or a key-like "k=".
QString quoteIfNeeded(const QString &value, bool positional);
// Checks that raw bytes are valid UTF-8 with no C0 control characters outside TAB
// (and no DEL), and decodes them.
std::optional<QString> decodeLine(QByteArrayView bytes, ParseError *error);

} // namespace baton::issd
