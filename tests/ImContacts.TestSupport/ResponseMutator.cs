using System.Text;

namespace ImContacts.TestSupport;

/// <summary>
/// Breaks a valid EWS answer the ways servers, proxies and attackers do: truncation, byte flips, duplicated and removed
/// elements, huge attributes, deep nesting, invalid UTF-8, DTDs, odd values. Deterministic for a given Random.
/// </summary>
public static class ResponseMutator
{
    public static readonly string[] Kinds =
    {
        "truncate", "flip", "duplicate", "remove", "huge-attribute", "deep-nesting", "invalid-utf8", "odd-value", "markup", "rename",
    };

    private static readonly string[] OddValues =
    {
        string.Empty, " ", "-1", "0", "99999999999999999999", "NaN", "&amp;&lt;&gt;", "&#0;", "&#xD800;", "]]>", "<![CDATA[x]]>",
        "Success", "Warning", "Error", "Bogus", "NoError", "ErrorServerBusy", "\u00e9\u4e2d\U0001F600", "&undefined;", "%", "true", "2147483648",
    };

    private static readonly string[] Markup =
    {
        "<!DOCTYPE x [<!ENTITY e \"boom\">]>", "&e;", "<?pi data?>", "<!-- comment -->", "<![CDATA[<x>]]>", "</s:Body>", "<s:Body>",
        "<s:Fault><faultcode>x</faultcode></s:Fault>", "<x xmlns=\"\">", "</", "<", ">", "xmlns:t=\"urn:wrong\"", "<t:ServerVersionInfo MajorVersion=\"x\"/>",
    };

    private static readonly byte[][] InvalidUtf8 =
    {
        new byte[] { 0xC3, 0x28 }, new byte[] { 0xFF }, new byte[] { 0xFE, 0xFF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xC0, 0xAF },
        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, new byte[] { 0xE2, 0x82 }, new byte[] { 0x00 }, new byte[] { 0x80, 0x80, 0x80 },
    };

    /// <summary>Applies 1–3 mutations; <paramref name="applied"/> names them, for reproducing a failure.</summary>
    public static byte[] Mutate(byte[] original, Random random, List<string> applied)
    {
        var body = original;
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            applied.Add(kind);
            body = Apply(kind, body, random);
        }

        return body;
    }

    private static byte[] Apply(string kind, byte[] body, Random random) => kind switch
    {
        "truncate" => body.AsSpan(0, body.Length == 0 ? 0 : random.Next(body.Length)).ToArray(),
        "flip" => Flip(body, random),
        "duplicate" => Element(body, random, (start, end) => Splice(body, end, 0, body.AsSpan(start, end - start).ToArray())),
        "remove" => Element(body, random, (start, end) => Splice(body, start, end - start, Array.Empty<byte>())),
        "huge-attribute" => HugeAttribute(body, random),
        "deep-nesting" => DeepNesting(body, random),
        "invalid-utf8" => Splice(body, random.Next(body.Length + 1), 0, InvalidUtf8[random.Next(InvalidUtf8.Length)]),
        "odd-value" => OddValue(body, random),
        "markup" => Splice(body, random.Next(body.Length + 1), 0, Encoding.UTF8.GetBytes(Markup[random.Next(Markup.Length)])),
        "rename" => Rename(body, random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] Flip(byte[] body, Random random)
    {
        var copy = (byte[])body.Clone();
        for (var n = 1 + random.Next(8); n > 0 && copy.Length > 0; n--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 + random.Next(255));
        }

        return copy;
    }

    /// <summary>Finds a random element (start tag to its end tag, by depth) and hands its byte range to <paramref name="change"/>.</summary>
    private static byte[] Element(byte[] body, Random random, Func<int, int, byte[]> change)
    {
        var starts = new List<int>();
        for (var i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] == '<' && body[i + 1] != '/' && body[i + 1] != '?' && body[i + 1] != '!')
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return body;
        }

        var start = starts[random.Next(starts.Count)];
        var end = ElementEnd(body, start);
        return end < 0 ? body : change(start, end);
    }

    /// <summary>The index just past the element that starts at <paramref name="start"/>, or -1 when it does not end.</summary>
    private static int ElementEnd(byte[] body, int start)
    {
        var depth = 0;
        for (var i = start; i < body.Length; i++)
        {
            if (body[i] != '<')
            {
                continue;
            }

            var close = Array.IndexOf(body, (byte)'>', i);
            if (close < 0)
            {
                return -1;
            }

            if (i + 1 < body.Length && body[i + 1] == '/')
            {
                depth--;
            }
            else if (body[i + 1] != '?' && body[i + 1] != '!' && body[close - 1] != '/')
            {
                depth++;
            }

            if (depth == 0)
            {
                return close + 1;
            }

            i = close;
        }

        return -1;
    }

    private static byte[] HugeAttribute(byte[] body, Random random)
    {
        var tag = Array.IndexOf(body, (byte)'>', random.Next(body.Length + 1));
        if (tag <= 0)
        {
            return body;
        }

        // Mostly tens of kilobytes; now and then a megabyte, as a hostile server would send.
        var size = random.Next(10) == 0 ? 1 << 20 : 1024 * (4 + random.Next(60));
        var attribute = new byte[size + 12];
        Encoding.ASCII.GetBytes(" huge=\"").CopyTo(attribute, 0);
        attribute.AsSpan(7, size + 4).Fill((byte)'A');
        attribute[^1] = (byte)'"';
        var insertAt = body[tag - 1] == '/' ? tag - 1 : tag;
        return Splice(body, insertAt, 0, attribute);
    }

    private static byte[] DeepNesting(byte[] body, Random random)
    {
        var depth = random.Next(10) == 0 ? 100_000 : 100 + random.Next(5000);
        var open = Encoding.ASCII.GetBytes("<d>");
        var close = Encoding.ASCII.GetBytes("</d>");
        var nest = new byte[depth * (open.Length + close.Length)];
        for (var i = 0; i < depth; i++)
        {
            open.CopyTo(nest, i * open.Length);
            close.CopyTo(nest, (depth * open.Length) + (i * close.Length));
        }

        var tagEnd = Array.IndexOf(body, (byte)'>', random.Next(body.Length + 1));
        return Splice(body, tagEnd < 0 ? body.Length : tagEnd + 1, 0, nest);
    }

    /// <summary>Replaces a text node or an attribute value with a value parsers trip over.</summary>
    private static byte[] OddValue(byte[] body, Random random)
    {
        var from = random.Next(body.Length + 1);
        var quote = Array.IndexOf(body, (byte)'"', from);
        var text = Array.IndexOf(body, (byte)'>', from);
        var value = Encoding.UTF8.GetBytes(OddValues[random.Next(OddValues.Length)]);
        if (quote >= 0 && (text < 0 || random.Next(2) == 0))
        {
            var endQuote = Array.IndexOf(body, (byte)'"', quote + 1);
            return endQuote < 0 ? body : Splice(body, quote + 1, endQuote - quote - 1, value);
        }

        if (text < 0)
        {
            return body;
        }

        var next = Array.IndexOf(body, (byte)'<', text + 1);
        return next < 0 ? body : Splice(body, text + 1, next - text - 1, value);
    }

    /// <summary>Changes one character of an element or namespace name, so known elements become unknown or misplaced.</summary>
    private static byte[] Rename(byte[] body, Random random)
    {
        var tag = Array.IndexOf(body, (byte)'<', random.Next(body.Length + 1));
        if (tag < 0 || tag + 2 >= body.Length)
        {
            return body;
        }

        var copy = (byte[])body.Clone();
        var at = Math.Min(copy.Length - 1, tag + 1 + random.Next(6));
        copy[at] = (byte)"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:_-"[random.Next(55)];
        return copy;
    }

    private static byte[] Splice(byte[] body, int at, int removed, byte[] inserted)
    {
        var result = new byte[body.Length - removed + inserted.Length];
        body.AsSpan(0, at).CopyTo(result);
        inserted.CopyTo(result, at);
        body.AsSpan(at + removed).CopyTo(result.AsSpan(at + inserted.Length));
        return result;
    }
}
