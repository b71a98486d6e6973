namespace SecureStack.Scanner.Bytecode;

/// <summary>The bytes are not a .pyc this reader understands, or they are damaged or past a bound.</summary>
internal sealed class PycFormatException(string message) : Exception(message);
