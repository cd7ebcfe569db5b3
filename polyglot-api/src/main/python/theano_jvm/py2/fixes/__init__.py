"""The fixers that neither lib2to3's 2to3 set nor the `future` project provides as needed here.

Each is small and builds on the library's own machinery (patterns, fixer_util, or a library fixer
it subclasses). The package name is what lib2to3's RefactoringTool loads them by.
"""
