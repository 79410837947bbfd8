#include "ui/input/QtKeyMap.h"

#include <array>

namespace baton {
namespace {

struct Entry {
    uint16_t scancode;
    bool extended;
    int key;
    const char *text;
    const char *shifted;
};

// The US layout, PC/AT set 1.
constexpr std::array kKeys = {
    Entry{0x01, false, Qt::Key_Escape, "", ""},
    Entry{0x02, false, Qt::Key_1, "1", "!"},
    Entry{0x03, false, Qt::Key_2, "2", "@"},
    Entry{0x04, false, Qt::Key_3, "3", "#"},
    Entry{0x05, false, Qt::Key_4, "4", "$"},
    Entry{0x06, false, Qt::Key_5, "5", "%"},
    Entry{0x07, false, Qt::Key_6, "6", "^"},
    Entry{0x08, false, Qt::Key_7, "7", "&"},
    Entry{0x09, false, Qt::Key_8, "8", "*"},
    Entry{0x0a, false, Qt::Key_9, "9", "("},
    Entry{0x0b, false, Qt::Key_0, "0", ")"},
    Entry{0x0c, false, Qt::Key_Minus, "-", "_"},
    Entry{0x0d, false, Qt::Key_Equal, "=", "+"},
    Entry{0x0e, false, Qt::Key_Backspace, "", ""},
    Entry{0x0f, false, Qt::Key_Tab, "\t", ""},
    Entry{0x10, false, Qt::Key_Q, "q", "Q"},
    Entry{0x11, false, Qt::Key_W, "w", "W"},
    Entry{0x12, false, Qt::Key_E, "e", "E"},
    Entry{0x13, false, Qt::Key_R, "r", "R"},
    Entry{0x14, false, Qt::Key_T, "t", "T"},
    Entry{0x15, false, Qt::Key_Y, "y", "Y"},
    Entry{0x16, false, Qt::Key_U, "u", "U"},
    Entry{0x17, false, Qt::Key_I, "i", "I"},
    Entry{0x18, false, Qt::Key_O, "o", "O"},
    Entry{0x19, false, Qt::Key_P, "p", "P"},
    Entry{0x1a, false, Qt::Key_BracketLeft, "[", "{"},
    Entry{0x1b, false, Qt::Key_BracketRight, "]", "}"},
    Entry{0x1c, false, Qt::Key_Return, "\r", "\r"},
    Entry{0x1d, false, Qt::Key_Control, "", ""},
    Entry{0x1e, false, Qt::Key_A, "a", "A"},
    Entry{0x1f, false, Qt::Key_S, "s", "S"},
    Entry{0x20, false, Qt::Key_D, "d", "D"},
    Entry{0x21, false, Qt::Key_F, "f", "F"},
    Entry{0x22, false, Qt::Key_G, "g", "G"},
    Entry{0x23, false, Qt::Key_H, "h", "H"},
    Entry{0x24, false, Qt::Key_J, "j", "J"},
    Entry{0x25, false, Qt::Key_K, "k", "K"},
    Entry{0x26, false, Qt::Key_L, "l", "L"},
    Entry{0x27, false, Qt::Key_Semicolon, ";", ":"},
    Entry{0x28, false, Qt::Key_Apostrophe, "'", "\""},
    Entry{0x29, false, Qt::Key_QuoteLeft, "`", "~"},
    Entry{0x2a, false, Qt::Key_Shift, "", ""},
    Entry{0x2b, false, Qt::Key_Backslash, "\\", "|"},
    Entry{0x2c, false, Qt::Key_Z, "z", "Z"},
    Entry{0x2d, false, Qt::Key_X, "x", "X"},
    Entry{0x2e, false, Qt::Key_C, "c", "C"},
    Entry{0x2f, false, Qt::Key_V, "v", "V"},
    Entry{0x30, false, Qt::Key_B, "b", "B"},
    Entry{0x31, false, Qt::Key_N, "n", "N"},
    Entry{0x32, false, Qt::Key_M, "m", "M"},
    Entry{0x33, false, Qt::Key_Comma, ",", "<"},
    Entry{0x34, false, Qt::Key_Period, ".", ">"},
    Entry{0x35, false, Qt::Key_Slash, "/", "?"},
    Entry{0x36, false, Qt::Key_Shift, "", ""},
    Entry{0x38, false, Qt::Key_Alt, "", ""},
    Entry{0x39, false, Qt::Key_Space, " ", " "},
    Entry{0x3a, false, Qt::Key_CapsLock, "", ""},
    Entry{0x3b, false, Qt::Key_F1, "", ""},
    Entry{0x3c, false, Qt::Key_F2, "", ""},
    Entry{0x3d, false, Qt::Key_F3, "", ""},
    Entry{0x3e, false, Qt::Key_F4, "", ""},
    Entry{0x3f, false, Qt::Key_F5, "", ""},
    Entry{0x40, false, Qt::Key_F6, "", ""},
    Entry{0x41, false, Qt::Key_F7, "", ""},
    Entry{0x42, false, Qt::Key_F8, "", ""},
    Entry{0x43, false, Qt::Key_F9, "", ""},
    Entry{0x44, false, Qt::Key_F10, "", ""},
    Entry{0x57, false, Qt::Key_F11, "", ""},
    Entry{0x58, false, Qt::Key_F12, "", ""},
    Entry{0x1c, true, Qt::Key_Enter, "\r", "\r"},
    Entry{0x1d, true, Qt::Key_Control, "", ""},
    Entry{0x38, true, Qt::Key_AltGr, "", ""},
    Entry{0x47, true, Qt::Key_Home, "", ""},
    Entry{0x48, true, Qt::Key_Up, "", ""},
    Entry{0x49, true, Qt::Key_PageUp, "", ""},
    Entry{0x4b, true, Qt::Key_Left, "", ""},
    Entry{0x4d, true, Qt::Key_Right, "", ""},
    Entry{0x4f, true, Qt::Key_End, "", ""},
    Entry{0x50, true, Qt::Key_Down, "", ""},
    Entry{0x51, true, Qt::Key_PageDown, "", ""},
    Entry{0x52, true, Qt::Key_Insert, "", ""},
    Entry{0x53, true, Qt::Key_Delete, "", ""},
};

} // namespace

std::optional<QtKey> qtKeyFromScancode(uint16_t scancode, bool extended)
{
    for (const Entry &entry : kKeys) {
        if (entry.scancode == scancode && entry.extended == extended)
            return QtKey{entry.key, QString::fromLatin1(entry.text),
                         QString::fromLatin1(entry.shifted)};
    }
    return std::nullopt;
}

} // namespace baton
