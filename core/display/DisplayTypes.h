#pragma once

#include <QList>
#include <QPoint>
#include <QSize>
#include <QString>

#include <optional>

namespace baton::display {

// One video mode as ISSD writes it: WxH@Hz, Hz with at most two decimals.
struct DisplayMode {
    int width = 0;
    int height = 0;
    double refreshHz = 0; // 0 when the backend does not know it

    QString toString() const;
    // Accepts WxH or WxH@Hz (Hz integer or with decimals); nullopt when malformed.
    static std::optional<DisplayMode> parse(QStringView text);
    // True when `requested` names this mode: same size and, when it gives a rate, the
    // same rate to within 0.5 Hz (integer rates) or 0.01 Hz (rates with decimals).
    bool matches(const DisplayMode &requested, bool requestedHasDecimals) const;
    friend bool operator==(const DisplayMode &, const DisplayMode &) = default;
};

// The layout of one output: what a transaction reads and writes.
struct DisplayLayout {
    bool enabled = false;
    std::optional<DisplayMode> mode; // empty when disabled
    QPoint position;
    int rotationDeg = 0; // clockwise: 0, 90, 180, 270
    bool primary = false;
    friend bool operator==(const DisplayLayout &, const DisplayLayout &) = default;
};

// What a backend knows about one display. Fields a backend cannot know stay empty;
// the agent never reports them (ISSD answers 504 rather than a made-up value).
struct DisplayInfo {
    QString id;        // stable: EDID manufacturer.product.serial-hash, see StableDisplayId
    QString connector; // backend name of the output, e.g. HDMI-1
    QString manufacturer;
    QString model;
    QString serial;
    bool connected = true;
    DisplayLayout layout;
    QList<DisplayMode> modes;
    std::optional<DisplayMode> preferredMode;
    QList<int> rotationsDeg; // rotations the backend can apply; {0} when it cannot rotate
    QSize physicalSizeMm;    // empty when unknown
    double scale = 0;        // device pixel ratio; 0 when unknown
    QByteArray edid;         // raw EDID when the backend can read it
};

// One output's wanted layout inside a transaction; unset fields keep their value.
struct LayoutChange {
    QString connector;
    std::optional<bool> enabled;
    std::optional<DisplayMode> mode;
    std::optional<QPoint> position;
    std::optional<int> rotationDeg;
    std::optional<bool> primary;

    bool isEmpty() const { return !enabled && !mode && !position && !rotationDeg && !primary; }
};

// The outcome of a backend call, with the ISSD reply class it maps to.
struct BackendResult {
    enum class Kind { Ok, Unsupported, InvalidValue, Busy, Unavailable, Failed };
    Kind kind = Kind::Ok;
    QString message;

    static BackendResult ok() { return {}; }
    static BackendResult fail(Kind kind, QString message) { return {kind, std::move(message)}; }
    bool isOk() const { return kind == Kind::Ok; }
};

// Monitor power as ISSD names it.
enum class PowerState { On, Standby, Off };
QString powerStateName(PowerState state);
std::optional<PowerState> powerStateFromName(QStringView name);

} // namespace baton::display
