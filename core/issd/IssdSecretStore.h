#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace baton::issd {

// The agent's secrets, kept only as salted keys: per key id the salt, the PBKDF2
// iteration count and K = PBKDF2-HMAC-SHA256(secret, salt, iterations, 32 bytes).
// The secret itself is never stored, so a stolen store does not reveal it.
//
// File format: one line per key, ISSD arguments:
//   HMAC-SHA256 key=<id> s=<salt, base64url> i=<iterations> k=<K, base64url>
// Lines starting with '#' and blank lines are ignored.
class IssdSecretStore {
public:
    struct Entry {
        QByteArray salt;
        int iterations = 0;
        QByteArray key; // K, 32 bytes
    };

    static constexpr int kDefaultIterations = 200000;
    static constexpr int kMinIterations = 1000; // tests go low; the default is what ships
    static constexpr int kMaxIterations = 5000000;
    static constexpr int kSaltBytes = 16;
    static constexpr int kKeyBytes = 32;

    // K for a secret: used by the agent when a secret is set and by clients on AUTH.
    static QByteArray deriveKey(const QByteArray &secret, const QByteArray &salt, int iterations);

    // Adds or replaces keyId with a fresh random salt.
    void setSecret(const QString &keyId, const QByteArray &secret,
                   int iterations = kDefaultIterations);
    std::optional<Entry> find(const QString &keyId) const;
    bool isEmpty() const { return entries_.isEmpty(); }

    QByteArray serialize() const;
    static std::optional<IssdSecretStore> parse(const QByteArray &text, QString *error);
    // Reads or writes the file; writing makes it readable by the owner only.
    static std::optional<IssdSecretStore> load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

private:
    QHash<QString, Entry> entries_;
};

} // namespace baton::issd
