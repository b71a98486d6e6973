using System.Buffers.Binary;
using System.Text;

namespace SecureStack.Scanner.Bytecode;

/// <summary>
/// Reads CPython 3 .pyc files (the header, then the marshal stream) far enough to list each code object's names
/// (imports, globals, attributes and functions it uses) and string constants. It does not disassemble: the names
/// and strings are what the capability rules need. Every read is bounds-checked and the object count is capped.
/// </summary>
internal sealed class PycReader
{
    private const int MaxObjects = 200_000;
    private const int MaxDepth = 200;
    private const byte FlagRef = 0x80;

    private readonly byte[] _bytes;
    private readonly int _layout;
    private readonly List<object?> _refs = [];
    private readonly List<PycCode> _code = [];
    private int _position;
    private int _objects;

    private PycReader(byte[] bytes, int position, int layout)
    {
        _bytes = bytes;
        _position = position;
        _layout = layout;
    }

    /// <summary>The CPython magic number when the bytes start like a .pyc (two version bytes, then <c>\r\n</c>), else null.</summary>
    public static int? Magic(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 17 || bytes[2] != '\r' || bytes[3] != '\n')
        {
            return null;
        }
        var magic = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        // 3000 (3.0) to 3999 covers every Python 3 release so far and the next few.
        return magic is >= 3000 and < 4000 ? magic : null;
    }

    /// <exception cref="PycFormatException">Not a Python 3 .pyc, damaged, or past a bound.</exception>
    public static PycModule Read(byte[] bytes)
    {
        var magic = Magic(bytes) ?? throw new PycFormatException("not a Python 3 .pyc (unknown magic number)");
        var header = magic >= 3392 ? 16 : magic >= 3230 ? 12 : 8;
        // Code object fields changed in 3.8 (posonlyargcount) and 3.11 (localsplus, qualname, exception table).
        var layout = magic >= 3450 ? 311 : magic >= 3400 ? 38 : 30;
        var reader = new PycReader(bytes, header, layout);
        reader.ReadObject(0);
        return new PycModule(Version(magic), reader._code);
    }

    private static string Version(int magic) => magic switch
    {
        >= 3600 => "3.14 or later",
        >= 3550 => "3.13",
        >= 3500 => "3.12",
        >= 3450 => "3.11",
        >= 3430 => "3.10",
        >= 3420 => "3.9",
        >= 3400 => "3.8",
        >= 3390 => "3.7",
        _ => "3.6 or earlier",
    };

    private object? ReadObject(int depth)
    {
        if (depth > MaxDepth || ++_objects > MaxObjects)
        {
            throw new PycFormatException("marshal data nested or sized past the reader's bounds");
        }
        var code = Byte();
        var flagged = (code & FlagRef) != 0;
        var type = (char)(code & ~FlagRef);
        var slot = -1;
        if (flagged && type != 'r')
        {
            // CPython registers a reference before reading a container's children, so indexes follow that order.
            slot = _refs.Count;
            _refs.Add(null);
        }
        object? value = type switch
        {
            '0' or 'N' or 'F' or 'T' or 'S' or '.' => null,
            'i' => Int32(),
            'l' => Long(),
            'g' => Skip(8),
            'y' => Skip(16),
            'f' => Skip(Byte()),
            'x' => SkipComplex(),
            's' => Bytes(Length()),
            't' or 'u' or 'a' or 'A' => Text(Length()),
            'z' or 'Z' => Text(Byte()),
            '(' or '[' or '<' or '>' => Items(Length(), depth),
            ')' => Items(Byte(), depth),
            '{' => Dictionary(depth),
            'c' => Code(depth),
            'r' => Reference(),
            _ => throw new PycFormatException($"unknown marshal type 0x{code:x2} at byte {_position - 1}"),
        };
        if (slot >= 0)
        {
            _refs[slot] = value;
        }
        return value;
    }

    private PycCode Code(int depth)
    {
        // Listed in the order the code objects start (module, then its functions as written), not the order they end.
        var index = _code.Count;
        _code.Add(new PycCode("?", 0, [], []));
        var integers = _layout == 38 ? 6 : 5;
        Skip(4 * integers);
        ReadObject(depth + 1); // bytecode
        var constants = ReadObject(depth + 1) as List<object?> ?? [];
        var names = ReadObject(depth + 1) as List<object?> ?? [];
        var fieldsBeforeName = _layout == 311 ? 3 : 4; // localsplusnames, localspluskinds, filename | varnames, freevars, cellvars, filename
        for (var i = 0; i < fieldsBeforeName; i++)
        {
            ReadObject(depth + 1);
        }
        var name = ReadObject(depth + 1) as string ?? "?";
        if (_layout == 311)
        {
            ReadObject(depth + 1); // qualname
        }
        var firstLine = Int32();
        ReadObject(depth + 1); // line table
        if (_layout == 311)
        {
            ReadObject(depth + 1); // exception table
        }
        var code = new PycCode(name, firstLine,
            [.. names.OfType<string>()],
            [.. Flatten(constants).OfType<string>()]);
        _code[index] = code;
        return code;
    }

    /// <summary>Strings inside tuples of constants (<c>("a", ("b",))</c>), not inside nested code objects.</summary>
    private static IEnumerable<object?> Flatten(List<object?> items)
    {
        var pending = new Stack<object?>(items.AsEnumerable().Reverse());
        var seen = 0;
        while (pending.Count > 0 && seen++ < MaxObjects)
        {
            var item = pending.Pop();
            if (item is List<object?> inner)
            {
                foreach (var child in inner.AsEnumerable().Reverse())
                {
                    pending.Push(child);
                }
            }
            else
            {
                yield return item;
            }
        }
    }

    private List<object?> Items(int count, int depth)
    {
        if (count < 0 || count > _bytes.Length - _position)
        {
            throw new PycFormatException($"a container claims {count} items, more than the file can hold");
        }
        var items = new List<object?>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(ReadObject(depth + 1));
        }
        return items;
    }

    private List<object?> Dictionary(int depth)
    {
        var items = new List<object?>();
        while (Peek() != '0')
        {
            items.Add(ReadObject(depth + 1));
            items.Add(ReadObject(depth + 1));
        }
        _position++;
        return items;
    }

    private object? Reference()
    {
        var index = Int32();
        if (index < 0 || index >= _refs.Count)
        {
            throw new PycFormatException($"marshal reference {index} points past the {_refs.Count} objects read");
        }
        return _refs[index];
    }

    private object? Long()
    {
        var digits = Math.Abs((long)Int32());
        return digits > _bytes.Length ? throw new PycFormatException("an integer claims more digits than the file holds") : Skip((int)digits * 2);
    }

    private object? SkipComplex()
    {
        Skip(Byte());
        Skip(Byte());
        return null;
    }

    private string Text(int length)
    {
        Ensure(length);
        var text = Encoding.UTF8.GetString(_bytes, _position, length);
        _position += length;
        return text;
    }

    private byte[] Bytes(int length)
    {
        Ensure(length);
        var bytes = _bytes.AsSpan(_position, length).ToArray();
        _position += length;
        return bytes;
    }

    private object? Skip(int length)
    {
        Ensure(length);
        _position += length;
        return null;
    }

    private int Length()
    {
        var length = Int32();
        return length >= 0 ? length : throw new PycFormatException($"negative length at byte {_position - 4}");
    }

    private int Int32()
    {
        Ensure(4);
        var value = BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(_position));
        _position += 4;
        return value;
    }

    private byte Byte()
    {
        Ensure(1);
        return _bytes[_position++];
    }

    private byte Peek()
    {
        Ensure(1);
        return _bytes[_position];
    }

    private void Ensure(int length)
    {
        if (length < 0 || _position + length > _bytes.Length)
        {
            throw new PycFormatException("truncated: the marshal data ends early");
        }
    }
}
