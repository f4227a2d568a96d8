@echo off
rem Grades your katas: grade [<kata>] [--json] [--require-all] [--repeat N] ^| grade watch^|next^|hint^|compare^|reset^|backups
rem ^| grade --help
rem Builds the grader through the Maven wrapper (quick when nothing changed), then runs it. Works from any folder.
setlocal
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"

if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")

pushd "%ROOT%"
call "%ROOT%\mvnw.cmd" -q -B -pl grader -am package -DskipTests 1>&2
set "BUILD_STATUS=%ERRORLEVEL%"
popd
if not "%BUILD_STATUS%"=="0" (
  echo grade: could not build the grader ^(see the Maven output above^) 1>&2
  exit /b 2
)

"%JAVA%" -cp "%ROOT%\grader\target\grader.jar;%ROOT%\grader\target\lib\*" dev.backendkatas.grader.Main --repo "%ROOT%" %*
exit /b %ERRORLEVEL%
