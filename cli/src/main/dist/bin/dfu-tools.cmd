@echo off
rem dfu-tools: DFU Tools' command line. Needs Java 17 or newer: JAVA_HOME's, or the java on the PATH.
setlocal
set "HERE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java.exe")
"%JAVA%" -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:disable %DFU_TOOLS_OPTS% -cp "%HERE%\lib\*" org.dfutools.cli.DfuTools %*
exit /b %ERRORLEVEL%
