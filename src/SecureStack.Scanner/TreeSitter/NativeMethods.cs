using System.Runtime.InteropServices;

namespace SecureStack.Scanner.TreeSitter;

/// <summary>The tree-sitter C API, from the library native/tree-sitter/build.sh compiles.</summary>
internal static unsafe partial class NativeMethods
{
    private const string Library = "libtreesitter_securestack";

    [LibraryImport(Library, EntryPoint = "ts_parser_new")]
    internal static partial nint ParserNew();

    [LibraryImport(Library, EntryPoint = "ts_parser_delete")]
    internal static partial void ParserDelete(nint parser);

    [LibraryImport(Library, EntryPoint = "ts_parser_set_language")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool ParserSetLanguage(ParserHandle parser, nint language);

    [LibraryImport(Library, EntryPoint = "ts_parser_set_timeout_micros")]
    internal static partial void ParserSetTimeoutMicros(ParserHandle parser, ulong timeout);

    [LibraryImport(Library, EntryPoint = "ts_parser_reset")]
    internal static partial void ParserReset(ParserHandle parser);

    [LibraryImport(Library, EntryPoint = "ts_parser_parse_string")]
    internal static partial nint ParserParseString(ParserHandle parser, nint oldTree, byte* source, uint length);

    [LibraryImport(Library, EntryPoint = "ts_tree_delete")]
    internal static partial void TreeDelete(nint tree);

    [LibraryImport(Library, EntryPoint = "ts_tree_root_node")]
    internal static partial TsNode TreeRootNode(TreeHandle tree);

    [LibraryImport(Library, EntryPoint = "ts_node_type")]
    internal static partial byte* NodeType(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_string")]
    internal static partial byte* NodeString(TsNode node);

    [LibraryImport("libc", EntryPoint = "free")]
    internal static partial void Free(byte* pointer);

    [LibraryImport(Library, EntryPoint = "ts_node_symbol")]
    internal static partial ushort NodeSymbol(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_start_byte")]
    internal static partial uint NodeStartByte(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_end_byte")]
    internal static partial uint NodeEndByte(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_start_point")]
    internal static partial TsPoint NodeStartPoint(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_child_count")]
    internal static partial uint NodeChildCount(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_child")]
    internal static partial TsNode NodeChild(TsNode node, uint index);

    [LibraryImport(Library, EntryPoint = "ts_node_named_child_count")]
    internal static partial uint NodeNamedChildCount(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_named_child")]
    internal static partial TsNode NodeNamedChild(TsNode node, uint index);

    [LibraryImport(Library, EntryPoint = "ts_node_child_by_field_name")]
    internal static partial TsNode NodeChildByFieldName(TsNode node, byte* name, uint nameLength);

    [LibraryImport(Library, EntryPoint = "ts_node_parent")]
    internal static partial TsNode NodeParent(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_is_null")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool NodeIsNull(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_is_named")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool NodeIsNamed(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_has_error")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool NodeHasError(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_is_error")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool NodeIsError(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_node_is_missing")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool NodeIsMissing(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_new")]
    internal static partial TsTreeCursor TreeCursorNew(TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_delete")]
    internal static partial void TreeCursorDelete(nint cursor);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_current_node")]
    internal static partial TsNode TreeCursorCurrentNode(TreeCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_current_field_name")]
    internal static partial byte* TreeCursorCurrentFieldName(TreeCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_goto_first_child")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool TreeCursorGotoFirstChild(TreeCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_goto_next_sibling")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool TreeCursorGotoNextSibling(TreeCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_tree_cursor_goto_parent")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool TreeCursorGotoParent(TreeCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_query_new")]
    internal static partial nint QueryNew(nint language, byte* source, uint length, out uint errorOffset, out TsQueryError errorType);

    [LibraryImport(Library, EntryPoint = "ts_query_delete")]
    internal static partial void QueryDelete(nint query);

    [LibraryImport(Library, EntryPoint = "ts_query_pattern_count")]
    internal static partial uint QueryPatternCount(QueryHandle query);

    [LibraryImport(Library, EntryPoint = "ts_query_capture_count")]
    internal static partial uint QueryCaptureCount(QueryHandle query);

    [LibraryImport(Library, EntryPoint = "ts_query_capture_name_for_id")]
    internal static partial byte* QueryCaptureNameForId(QueryHandle query, uint id, out uint length);

    [LibraryImport(Library, EntryPoint = "ts_query_string_value_for_id")]
    internal static partial byte* QueryStringValueForId(QueryHandle query, uint id, out uint length);

    [LibraryImport(Library, EntryPoint = "ts_query_predicates_for_pattern")]
    internal static partial TsQueryPredicateStep* QueryPredicatesForPattern(QueryHandle query, uint patternIndex, out uint stepCount);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_new")]
    internal static partial nint QueryCursorNew();

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_delete")]
    internal static partial void QueryCursorDelete(nint cursor);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_exec")]
    internal static partial void QueryCursorExec(QueryCursorHandle cursor, QueryHandle query, TsNode node);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_set_match_limit")]
    internal static partial void QueryCursorSetMatchLimit(QueryCursorHandle cursor, uint limit);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_did_exceed_match_limit")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool QueryCursorDidExceedMatchLimit(QueryCursorHandle cursor);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_set_max_start_depth")]
    internal static partial void QueryCursorSetMaxStartDepth(QueryCursorHandle cursor, uint maxStartDepth);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_set_timeout_micros")]
    internal static partial void QueryCursorSetTimeoutMicros(QueryCursorHandle cursor, ulong timeout);

    [LibraryImport(Library, EntryPoint = "ts_query_cursor_next_match")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool QueryCursorNextMatch(QueryCursorHandle cursor, out TsQueryMatch match);

    [LibraryImport(Library, EntryPoint = "ts_language_abi_version")]
    internal static partial uint LanguageAbiVersion(nint language);

    [LibraryImport(Library, EntryPoint = "tree_sitter_javascript")]
    internal static partial nint LanguageJavaScript();

    [LibraryImport(Library, EntryPoint = "tree_sitter_typescript")]
    internal static partial nint LanguageTypeScript();

    [LibraryImport(Library, EntryPoint = "tree_sitter_tsx")]
    internal static partial nint LanguageTsx();

    [LibraryImport(Library, EntryPoint = "tree_sitter_bash")]
    internal static partial nint LanguageBash();

    [LibraryImport(Library, EntryPoint = "tree_sitter_python")]
    internal static partial nint LanguagePython();
}
