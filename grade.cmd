@echo off
rem Grades your katas: grade [<kata>] [--json] [--require-all] [--repeat N] ^| grade watch^|next^|hint^|compare^|reset^|backups
rem ^| grade --help
rem Builds the grader through the Maven wrapper only when its sources changed, then runs it. Works from any folder.
setlocal EnableDelayedExpansion
set "ROOT=%~dp0"
if "%ROOT:~-1%"=="\" set "ROOT=%ROOT:~0,-1%"

if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")

rem Rebuild only when the grader's sources changed (asked of the grader jar itself: cmd cannot compare file times).
set "BUILD_STATUS=0"
"%JAVA%" -cp "%ROOT%\grader\target\grader.jar" dev.backendkatas.grader.StaleCheck "%ROOT%" 2>nul
if errorlevel 1 (
  if exist "%ROOT%\grader\target\grader.jar" (
    echo grade: rebuilding the grader ^(its sources changed^)... 1>&2
  ) else (
    echo grade: first run: the Maven wrapper fetches Maven and the libraries ^(once; minutes on a slow connection^), then builds the grader. 1>&2
  )
  pushd "%ROOT%"
  call "%ROOT%\mvnw.cmd" -B -ntp -pl grader -am package -DskipTests 1>&2
  set "BUILD_STATUS=!ERRORLEVEL!"
  popd
  rem Maven leaves an up-to-date jar untouched; mark it fresh (copy's "touch" idiom) so the next run skips Maven.
  if "!BUILD_STATUS!"=="0" copy /b "%ROOT%\grader\target\grader.jar"+,, "%ROOT%\grader\target\grader.jar" >nul
)
if not "%BUILD_STATUS%"=="0" (
  echo grade: could not build the grader ^(see the Maven output above^) 1>&2
  exit /b 2
)

"%JAVA%" -cp "%ROOT%\grader\target\grader.jar;%ROOT%\grader\target\lib\*" dev.backendkatas.grader.Main --repo "%ROOT%" %*
exit /b %ERRORLEVEL%
