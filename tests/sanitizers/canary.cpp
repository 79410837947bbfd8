// The sanitizer lane's canary: each argument makes one fault the lane must report, so that
// a change of flags or options that silences ASan, UBSan or LeakSanitizer fails ctest
// (tests sanitizer_canary_*) instead of passing every suite quietly.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

struct Shape {
    virtual ~Shape() = default;
    virtual int sides() const { return 0; }
};
struct Square : Shape {
    int side = 2;
    int sides() const override { return 4; }
};
struct Circle : Shape {};

// volatile: the compiler must not see through the faults and remove them.
volatile int sink;

int heapOverflow()
{
    auto bytes = std::make_unique<char[]>(16);
    volatile int index = 16;
    return bytes[index];
}

int useAfterFree()
{
    auto *value = new int(7);
    delete value;
    return *static_cast<volatile int *>(value);
}

int signedOverflow()
{
    volatile int big = 0x7fffffff;
    return big + 1;
}

// Finding 5 of issue 23 was this kind: a downcast to a type the object is not.
int wrongDowncast()
{
    std::unique_ptr<Shape> shape = std::make_unique<Circle>();
    return static_cast<Square *>(shape.get())->side;
}

int leak()
{
    void *volatile block = std::malloc(4096);
    std::memset(block, 1, 4096);
    block = nullptr;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: sanitizer_canary heap-overflow|use-after-free|"
                             "signed-overflow|downcast|leak\n");
        return 2;
    }
    const char *fault = argv[1];
    if (!std::strcmp(fault, "heap-overflow"))
        sink = heapOverflow();
    else if (!std::strcmp(fault, "use-after-free"))
        sink = useAfterFree();
    else if (!std::strcmp(fault, "signed-overflow"))
        sink = signedOverflow();
    else if (!std::strcmp(fault, "downcast"))
        sink = wrongDowncast();
    else if (!std::strcmp(fault, "leak"))
        sink = leak();
    else
        return 2;
    // Reached only when the sanitizer said nothing.
    std::puts("no report");
    return 0;
}
